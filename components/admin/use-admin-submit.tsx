"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import { sendJson } from "@/components/admin/send-json";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/validations/field-errors";

export type SubmitOutcome = { kind: "idle" | "sending" | "done" } | { kind: "error"; message: string };

/** A refused request as one sentence: the server's own message, or that the network failed. */
export function useProblemText(): (message: string | null) => string {
  const t = useTranslations("admin.errors");
  return (message) => (message === null ? t("network") : t("failed", { message }));
}

/**
 * The one submit path of the admin forms: check the value with the server's own schema (errors beside
 * the fields), send it, and keep the server's answer — its field problems included — for the form.
 */
export function useAdminSubmit() {
  const problemText = useProblemText();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<SubmitOutcome>({ kind: "idle" });

  async function submit<T>(schema: z.ZodType, value: unknown, url: string, method: string): Promise<T | null> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      setOutcome({ kind: "idle" });
      return null;
    }
    setErrors({});
    setOutcome({ kind: "sending" });
    const result = await sendJson<T>(url, method, parsed.data);
    if (result.ok) {
      setOutcome({ kind: "done" });
      return result.value;
    }
    setErrors(result.fields);
    setOutcome({ kind: "error", message: problemText(result.message) });
    return null;
  }

  return { errors, outcome, submit };
}

/** The submit button, the success line (a live region) and the refusal (an alert) under every admin form. */
export function FormFooter({ outcome, label, sendingLabel, doneText }: { outcome: SubmitOutcome; label: string; sendingLabel: string; doneText?: string }) {
  return (
    <>
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={outcome.kind === "sending"}>
          {outcome.kind === "sending" ? sendingLabel : label}
        </button>
      </div>
      <p role="status" className="admin-outcome">
        {outcome.kind === "done" && doneText}
      </p>
      {outcome.kind === "error" && (
        <p role="alert" className="admin-problem">
          {outcome.message}
        </p>
      )}
    </>
  );
}
