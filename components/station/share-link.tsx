"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { StationIcon } from "@/components/station/station-icon";

type CopyState = "idle" | "copied" | "failed";

/**
 * Shares the page through the phone's own share sheet where the browser has one (WeChat and most
 * Android browsers do), else copies the link. The link stays visible for pressing and holding.
 */
export function ShareLink({ url, title, text }: { url: string; title: string; text: string }) {
  const t = useTranslations("station.share");
  const [state, setState] = useState<CopyState>("idle");
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      // The Clipboard API needs a secure context; plain-HTTP intranet hosts fall back to the selection.
      field.current?.select();
      setState(document.execCommand?.("copy") ? "copied" : "failed");
    }
  }

  async function share() {
    if (typeof navigator.share !== "function") return copy();
    try {
      await navigator.share({ title, text, url });
    } catch (error) {
      // Closing the share sheet is a choice, not a failure; anything else falls back to copying.
      if (!(error instanceof DOMException && error.name === "AbortError")) await copy();
    }
  }

  return (
    <div className="station-share">
      <label className="station-field-label" htmlFor="station-share-url">
        {t("linkLabel")}
      </label>
      <input id="station-share-url" ref={field} className="station-share-url" type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      <div className="station-share-actions">
        <button type="button" className="station-button station-button-primary" onClick={share}>
          <StationIcon name="share" />
          <span>{t("button")}</span>
        </button>
        <button type="button" className="station-button" onClick={copy}>
          <StationIcon name="copy" />
          <span>{t("copy")}</span>
        </button>
        <button type="button" className="station-button" onClick={() => window.print()}>
          <StationIcon name="print" />
          <span>{t("print")}</span>
        </button>
      </div>
      <p className={`station-status${state === "failed" ? " is-error" : ""}`} role="status" aria-live="polite">
        {state === "copied" && (
          <>
            <StationIcon name="check" size={18} /> {t("copied")}
          </>
        )}
        {state === "failed" && t("copyFailed")}
      </p>
    </div>
  );
}
