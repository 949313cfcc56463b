"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/admin/field";
import { FormFooter, useAdminSubmit } from "@/components/admin/use-admin-submit";
import { userUpdateSchema } from "@/lib/validations/user";

/** An account's name and email. */
export function UserProfileForm({ userId, name, email }: { userId: string; name: string; email: string }) {
  const t = useTranslations("admin.detail");
  const tc = useTranslations("admin.create");
  const router = useRouter();
  const [fields, setFields] = useState({ name, email });
  const { errors, outcome, submit } = useAdminSubmit();

  async function save(event: FormEvent) {
    event.preventDefault();
    if (await submit(userUpdateSchema, fields, `/api/v1/admin/users/${userId}`, "PATCH")) router.refresh();
  }

  return (
    <form className="admin-form" noValidate onSubmit={save}>
      <Field id="profile-name" label={tc("name")} error={errors.name}>
        <input value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} maxLength={100} autoComplete="off" />
      </Field>
      <Field id="profile-email" label={tc("email")} error={errors.email}>
        <input type="email" value={fields.email} onChange={(e) => setFields({ ...fields, email: e.target.value })} maxLength={254} autoComplete="off" />
      </Field>
      <FormFooter outcome={outcome} label={t("save")} sendingLabel={t("saving")} doneText={t("saved")} />
    </form>
  );
}
