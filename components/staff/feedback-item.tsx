"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useHydrated } from "@/components/staff/form-parts";

type Resolution = "fixed" | "not_a_problem" | "duplicate";

/** One open report in the queue, resolved here with what it turned out to be. */
export function FeedbackResolver({ reportId }: { reportId: string }) {
  const t = useTranslations("staff.feedback");
  const [resolution, setResolution] = useState<Resolution>("fixed");
  const [note, setNote] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "done" | "error">("idle");
  const hydrated = useHydrated();

  if (state === "done") return <p role="status">{t("resolved")}</p>;
  return (
    <form
      className="staff-resolve"
      onSubmit={async (event) => {
        event.preventDefault();
        setState("sending");
        const response = await fetch(`/api/v1/staff/feedback/${reportId}/resolve`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ resolution, note: note.trim() || null }),
        }).catch(() => null);
        setState(response?.ok ? "done" : "error");
      }}
    >
      <select aria-label={t("title")} value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
        {(["fixed", "not_a_problem", "duplicate"] as const).map((r) => (
          <option key={r} value={r}>
            {t(`resolutions.${r}`)}
          </option>
        ))}
      </select>
      <input aria-label={t("note")} placeholder={t("note")} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      <button type="submit" className="button secondary" disabled={!hydrated || state === "sending"}>
        {t("resolved")}
      </button>
    </form>
  );
}
