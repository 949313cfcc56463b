"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/admin/field";
import { sendJson } from "@/components/admin/send-json";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/validations/field-errors";
import { userUpdateSchema } from "@/lib/validations/user";

/** An account's name and email. */
export function UserProfileForm({ userId, name, email }: { userId: string; name: string; email: string }) {
  const t = useTranslations("admin.detail");
  const tc = useTranslations("admin.create");
  const te = useTranslations("admin.errors");
  const router = useRouter();
  const [fields, setFields] = useState({ name, email });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = userUpdateSchema.safeParse(fields);
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setOutcome({ kind: "saving" });
    const result = await sendJson(`/api/v1/admin/users/${userId}`, "PATCH", parsed.data);
    if (result.ok) {
      setOutcome({ kind: "saved" });
      router.refresh();
    } else {
      setErrors(result.fields);
      setOutcome({ kind: "error", message: result.message === null ? te("network") : te("failed", { message: result.message }) });
    }
  }

  return (
    <form className="admin-form" noValidate onSubmit={submit}>
      <Field id="profile-name" label={tc("name")} error={errors.name}>
        <input value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} maxLength={100} autoComplete="off" />
      </Field>
      <Field id="profile-email" label={tc("email")} error={errors.email}>
        <input type="email" value={fields.email} onChange={(e) => setFields({ ...fields, email: e.target.value })} maxLength={254} autoComplete="off" />
      </Field>
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={outcome.kind === "saving"}>
          {outcome.kind === "saving" ? t("saving") : t("save")}
        </button>
      </div>
      <p role="status" className="admin-outcome">
        {outcome.kind === "saved" && t("saved")}
      </p>
      {outcome.kind === "error" && (
        <p role="alert" className="admin-problem">
          {outcome.message}
        </p>
      )}
    </form>
  );
}
