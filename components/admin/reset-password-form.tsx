"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/admin/field";
import { sendJson } from "@/components/admin/send-json";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/validations/field-errors";
import { passwordResetSchema } from "@/lib/validations/user";

/** Sets a new password the administrator passes on; the account is signed out everywhere. */
export function ResetPasswordForm({ userId }: { userId: string }) {
  const t = useTranslations("admin.detail");
  const tc = useTranslations("admin.create");
  const te = useTranslations("admin.errors");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<{ kind: "idle" | "sending" | "done" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = passwordResetSchema.safeParse({ password });
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setOutcome({ kind: "sending" });
    const result = await sendJson(`/api/v1/admin/users/${userId}/password`, "POST", parsed.data);
    if (result.ok) {
      setPassword("");
      setOutcome({ kind: "done" });
    } else {
      setErrors(result.fields);
      setOutcome({ kind: "error", message: result.message === null ? te("network") : te("failed", { message: result.message }) });
    }
  }

  return (
    <form className="admin-form" noValidate onSubmit={submit}>
      <Field id="reset-password" label={t("newPassword")} hint={tc("passwordHint")} error={errors.password}>
        <input type="text" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" spellCheck={false} maxLength={128} />
      </Field>
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={outcome.kind === "sending"}>
          {outcome.kind === "sending" ? t("resetting") : t("resetSubmit")}
        </button>
      </div>
      <p role="status" className="admin-outcome">
        {outcome.kind === "done" && t("reset")}
      </p>
      {outcome.kind === "error" && (
        <p role="alert" className="admin-problem">
          {outcome.message}
        </p>
      )}
    </form>
  );
}
