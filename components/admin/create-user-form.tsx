"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/admin/field";
import { emptyRoleDraft, RoleFields, roleGrantFromDraft, type CityOption, type RoleDraft } from "@/components/admin/role-fields";
import { FormFooter, useAdminSubmit } from "@/components/admin/use-admin-submit";
import { createUserInputSchema, type RoleKind } from "@/lib/validations/user";

/**
 * A new account with its first role. The form runs the server's own schema before sending, then shows
 * what only the server can know (a taken username, an unknown station) on the same fields.
 */
export function CreateUserForm({ roles, allowNone, cities }: { roles: RoleKind[]; allowNone: boolean; cities: CityOption[] }) {
  const t = useTranslations("admin.create");
  const router = useRouter();
  const [fields, setFields] = useState({ username: "", name: "", email: "", password: "" });
  const [role, setRole] = useState<RoleDraft>(emptyRoleDraft(allowNone ? "" : roles[0], cities));
  const { errors, outcome, submit } = useAdminSubmit();

  async function create(event: FormEvent) {
    event.preventDefault();
    const created = await submit<{ id: string }>(createUserInputSchema, { ...fields, role: roleGrantFromDraft(role) }, "/api/v1/admin/users", "POST");
    if (created) router.push(`/admin/users/${created.id}`);
  }

  const text = (name: keyof typeof fields, props: Record<string, unknown> = {}) => (
    <input value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} {...props} />
  );
  return (
    <form className="admin-form" noValidate onSubmit={create} aria-labelledby="create-user-heading">
      <Field id="new-username" label={t("username")} hint={t("usernameHint")} error={errors.username}>
        {text("username", { autoComplete: "off", autoCapitalize: "none", spellCheck: false, maxLength: 30 })}
      </Field>
      <Field id="new-name" label={t("name")} error={errors.name}>
        {text("name", { autoComplete: "off", maxLength: 100 })}
      </Field>
      <Field id="new-email" label={t("email")} error={errors.email}>
        {text("email", { type: "email", autoComplete: "off", maxLength: 254 })}
      </Field>
      <Field id="new-password" label={t("password")} hint={t("passwordHint")} error={errors.password}>
        {text("password", { type: "text", autoComplete: "new-password", spellCheck: false, maxLength: 128 })}
      </Field>
      <RoleFields idPrefix="new" roles={roles} allowNone={allowNone} cities={cities} value={role} onChange={setRole} errors={errors} path="role." />
      <FormFooter outcome={outcome} label={t("submit")} sendingLabel={t("creating")} />
    </form>
  );
}
