"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { emptyRoleDraft, RoleFields, roleGrantFromDraft, type CityOption, type RoleDraft } from "@/components/admin/role-fields";
import { FormFooter, useAdminSubmit } from "@/components/admin/use-admin-submit";
import { roleGrantSchema, type RoleKind } from "@/lib/validations/user";

/** Gives the account one more role; a role it already holds is refused by the server (409) and said so. */
export function GrantRoleForm({ userId, roles, cities }: { userId: string; roles: RoleKind[]; cities: CityOption[] }) {
  const t = useTranslations("admin.detail");
  const router = useRouter();
  const initial = roles.includes("BRANCH_STAFF") ? "BRANCH_STAFF" : roles[0];
  const [draft, setDraft] = useState<RoleDraft>(emptyRoleDraft(initial, cities));
  const { errors, outcome, submit } = useAdminSubmit();

  async function grant(event: FormEvent) {
    event.preventDefault();
    if (await submit(roleGrantSchema, roleGrantFromDraft(draft) ?? {}, `/api/v1/admin/users/${userId}/roles`, "POST")) {
      setDraft(emptyRoleDraft(initial, cities));
      router.refresh();
    }
  }

  return (
    <form className="admin-form" noValidate onSubmit={grant} aria-labelledby="grant-heading">
      <RoleFields idPrefix="grant" roles={roles} allowNone={false} cities={cities} value={draft} onChange={setDraft} errors={errors} path="" />
      <FormFooter outcome={outcome} label={t("grantSubmit")} sendingLabel={t("granting")} doneText={t("granted")} />
    </form>
  );
}
