"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { StationIcon } from "@/components/station/station-icon";
import { postFeedback, type FeedbackOutcome } from "@/components/station/post-feedback";
import { useFeedbackErrorText, useFieldErrorText } from "@/components/station/use-feedback-error-text";
import {
  FEEDBACK_MESSAGE_MAX,
  feedbackErrorReasons,
  feedbackInputSchema,
  type FeedbackErrorReason,
  type FeedbackField,
  type FeedbackInput,
  type FeedbackKind,
} from "@/lib/validations/feedback";

type ProblemKind = Exclude<FeedbackKind, "confirmation">;
const problemKinds: ProblemKind[] = ["wrong_location", "closed", "amenity_missing", "other"];
type FieldReasons = Partial<Record<FeedbackField, FeedbackErrorReason>>;

const fieldIds: Record<FeedbackField, string> = {
  kind: "report-kind-wrong_location",
  amenityCode: "report-amenity",
  message: "report-message",
  contact: "report-contact",
};

/** The report form; checks fields with the same schema the API uses before anything is sent. */
export function ReportProblemForm({ stationId, amenities }: { stationId: string; amenities: { code: string; name: string }[] }) {
  const t = useTranslations("station.report");
  const fieldError = useFieldErrorText();
  const errorText = useFeedbackErrorText();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ProblemKind | null>(null);
  const [amenityCode, setAmenityCode] = useState("");
  const [message, setMessage] = useState("");
  const [contact, setContact] = useState("");
  const [reasons, setReasons] = useState<FieldReasons>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<FeedbackOutcome | null>(null);
  const [state, setState] = useState<"idle" | "sending" | "done">("idle");
  const sending = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);

  function input(): { value: unknown; reasons: FieldReasons } {
    // Blank optional fields are left out rather than sent empty, as the API expects.
    const value = {
      kind: kind ?? undefined,
      amenityCode: kind === "amenity_missing" ? amenityCode || undefined : undefined,
      message: message.trim() ? message : undefined,
      contact: contact.trim() ? contact : undefined,
    };
    const result = feedbackInputSchema.safeParse(value);
    const found = result.success ? {} : feedbackErrorReasons(result.error.issues);
    if (!kind) found.kind = "required";
    return { value: result.success ? result.data : value, reasons: found };
  }

  // Once the reader has tried to send, errors follow their corrections as they type.
  const live = checked ? input().reasons : reasons;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending.current) return;
    const { value, reasons: found } = input();
    setChecked(true);
    setReasons(found);
    setFailure(null);
    const first = (Object.keys(fieldIds) as FeedbackField[]).find((f) => found[f]);
    if (first) {
      form.current?.querySelector<HTMLElement>(`#${fieldIds[first]}`)?.focus();
      return;
    }
    sending.current = true;
    setState("sending");
    const outcome = await postFeedback(stationId, value as FeedbackInput);
    sending.current = false;
    if (outcome.ok) {
      setState("done");
      requestAnimationFrame(() => thanks.current?.focus());
      return;
    }
    setState("idle");
    setFailure(outcome);
    if (outcome.reason === "validation") {
      setChecked(false);
      setReasons(outcome.fields);
    }
  }

  function reset() {
    setKind(null);
    setAmenityCode("");
    setMessage("");
    setContact("");
    setReasons({});
    setChecked(false);
    setFailure(null);
    setState("idle");
  }

  if (state === "done") {
    return (
      <div className="station-report">
        <p className="station-thanks" role="status" tabIndex={-1} ref={thanks}>
          <StationIcon name="check" /> {t("thanks")}
        </p>
        <button type="button" className="station-button" onClick={reset}>
          <StationIcon name="flag" />
          <span>{t("another")}</span>
        </button>
      </div>
    );
  }

  const describedBy = (field: FeedbackField, ...more: string[]) =>
    [live[field] ? `${fieldIds[field]}-error` : "", ...more].filter(Boolean).join(" ") || undefined;
  const errorFor = (field: FeedbackField) =>
    live[field] ? (
      <p className="station-field-error" id={`${fieldIds[field]}-error`}>
        <StationIcon name="warning" size={18} /> {fieldError(field, live[field])}
      </p>
    ) : null;

  return (
    <div className="station-report">
      <button type="button" className="station-button" aria-expanded={open} aria-controls="report-form" onClick={() => setOpen(!open)}>
        <StationIcon name="flag" />
        <span>{t("open")}</span>
      </button>
      <form id="report-form" ref={form} hidden={!open} noValidate onSubmit={submit} aria-labelledby="report-heading">
        <h3 id="report-heading">{t("heading")}</h3>
        <fieldset className="station-kinds" aria-invalid={live.kind ? true : undefined} aria-describedby={describedBy("kind")}>
          <legend className="station-field-label">{t("kindLegend")}</legend>
          {problemKinds.map((k) => (
            <label key={k} className="station-choice" htmlFor={`report-kind-${k}`}>
              <input
                type="radio"
                id={`report-kind-${k}`}
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <span>{t(`kinds.${k}`)}</span>
            </label>
          ))}
          {errorFor("kind")}
        </fieldset>

        {kind === "amenity_missing" && (
          <div className="station-field">
            <label className="station-field-label" htmlFor={fieldIds.amenityCode}>
              {t("amenity")}
            </label>
            <select
              id={fieldIds.amenityCode}
              value={amenityCode}
              aria-invalid={live.amenityCode ? true : undefined}
              aria-describedby={describedBy("amenityCode")}
              onChange={(e) => setAmenityCode(e.target.value)}
            >
              <option value="">{t("amenityPlaceholder")}</option>
              {amenities.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
            {errorFor("amenityCode")}
          </div>
        )}

        <div className="station-field">
          <label className="station-field-label" htmlFor={fieldIds.message}>
            {kind === "other" ? t("message") : t("messageOptional")}
          </label>
          <textarea
            id={fieldIds.message}
            rows={4}
            value={message}
            required={kind === "other"}
            aria-invalid={live.message ? true : undefined}
            aria-describedby={describedBy("message", "report-message-count")}
            onChange={(e) => setMessage(e.target.value)}
          />
          {errorFor("message")}
          <p className="station-hint" id="report-message-count">
            {t("messageHint", { max: FEEDBACK_MESSAGE_MAX, count: message.trim().length })}
          </p>
        </div>

        <div className="station-field">
          <label className="station-field-label" htmlFor={fieldIds.contact}>
            {t("contact")}
          </label>
          <input
            id={fieldIds.contact}
            type="text"
            autoComplete="tel"
            value={contact}
            aria-invalid={live.contact ? true : undefined}
            aria-describedby={describedBy("contact", "report-contact-note")}
            onChange={(e) => setContact(e.target.value)}
          />
          {errorFor("contact")}
          <p className="station-hint" id="report-contact-note">
            {t("contactNote")}{" "}
            {/* A new tab, so what the reader has typed so far is still here when they come back. */}
            <a href="/privacy" target="_blank" rel="noopener">
              {t("privacyLink")}
            </a>
          </p>
        </div>

        <button type="submit" className="station-button station-button-primary" disabled={state === "sending"}>
          <StationIcon name="check" />
          <span>{state === "sending" ? t("sending") : t("submit")}</span>
        </button>
        <p className="station-status is-error" role="alert">
          {failure && errorText(failure)}
        </p>
      </form>
    </div>
  );
}
