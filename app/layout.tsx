import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "工行驿站 · 辽宁", template: "%s · 工行驿站" },
  description: "中国工商银行辽宁省分行“工行驿站”查询：为环卫工人、快递员、外卖骑手等户外劳动者提供歇脚、饮水、充电、无线网络的爱心驿站。",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#c7000b",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">工</span>
            <span>
              <strong>工行驿站</strong>
              <small>辽宁 · 户外劳动者爱心驿站</small>
            </span>
          </a>
        </header>
        {children}
      </body>
    </html>
  );
}
