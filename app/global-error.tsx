"use client";

import "./globals.css";

/**
 * The last resort, when the root layout itself failed (its account menu reads the session from the
 * database). It replaces the layout, so it has no translations: Chinese first, English after.
 */
export default function GlobalError() {
  return (
    <html lang="zh-CN">
      <body>
        <main className="page" data-testid="page-error">
          <h1>服务暂时不可用</h1>
          <p>我们暂时无法读取驿站信息，通常几秒钟后就会恢复。请稍后再试。</p>
          <p lang="en">Temporarily unavailable: please try again in a few seconds.</p>
          <p>
            <button type="button" onClick={() => window.location.reload()}>
              重新加载 / Reload
            </button>{" "}
            <a href="/">返回首页</a>
          </p>
        </main>
      </body>
    </html>
  );
}
