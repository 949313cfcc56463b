"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { StationIcon } from "@/components/station/station-icon";
import { postFeedback, type FeedbackOutcome } from "@/components/station/post-feedback";
import { useFeedbackErrorText } from "@/components/station/use-feedback-error-text";

/** "Is this still correct?" answered with one tap: the cheapest way to keep `verifiedAt` honest. */
export function ConfirmStation({ stationId }: { stationId: string }) {
  const t = useTranslations("station.confirm");
  const errorText = useFeedbackErrorText();
  const [state, setState] = useState<"idle" | "sending" | "done">("idle");
  const [failure, setFailure] = useState<FeedbackOutcome | null>(null);
  const sending = useRef(false);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  // The button that had focus is gone once confirmed: keep keyboard and screen-reader users on the answer.
  useEffect(() => {
    if (state === "done") thanksRef.current?.focus();
  }, [state]);

  async function confirm() {
    if (sending.current) return;
    sending.current = true;
    setState("sending");
    setFailure(null);
    const outcome = await postFeedback(stationId, { kind: "confirmation" });
    sending.current = false;
    setState(outcome.ok ? "done" : "idle");
    if (!outcome.ok) setFailure(outcome);
  }

  return (
    <div className="station-confirm">
      <h2 id="confirm-heading">{t("heading")}</h2>
      {state === "done" ? (
        <p className="station-thanks" role="status" tabIndex={-1} ref={thanksRef}>
          <StationIcon name="check" /> {t("thanks")}
        </p>
      ) : (
        <>
          <p className="station-hint">{t("hint")}</p>
          <button type="button" className="station-button station-button-primary" onClick={confirm} disabled={state === "sending"} aria-describedby="confirm-heading">
            <StationIcon name="check" />
            <span>{state === "sending" ? t("sending") : t("button")}</span>
          </button>
          <p className="station-status is-error" role="alert">
            {failure && errorText(failure)}
          </p>
        </>
      )}
    </div>
  );
}
