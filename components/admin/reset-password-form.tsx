"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/admin/field";
import { FormFooter, useAdminSubmit } from "@/components/admin/use-admin-submit";
import { passwordResetSchema } from "@/lib/validations/user";

/** Sets a new password the administrator passes on; the account is signed out everywhere. */
export function ResetPasswordForm({ userId }: { userId: string }) {
  const t = useTranslations("admin.detail");
  const tc = useTranslations("admin.create");
  const [password, setPassword] = useState("");
  const { errors, outcome, submit } = useAdminSubmit();

  async function reset(event: FormEvent) {
    event.preventDefault();
    if (await submit(passwordResetSchema, { password }, `/api/v1/admin/users/${userId}/password`, "POST")) setPassword("");
  }

  return (
    <form className="admin-form" noValidate onSubmit={reset}>
      <Field id="reset-password" label={t("newPassword")} hint={tc("passwordHint")} error={errors.password}>
        <input type="text" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" spellCheck={false} maxLength={128} />
      </Field>
      <FormFooter outcome={outcome} label={t("resetSubmit")} sendingLabel={t("resetting")} doneText={t("reset")} />
    </form>
  );
}
