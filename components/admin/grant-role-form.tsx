"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { emptyRoleDraft, RoleFields, roleGrantFromDraft, type CityOption, type RoleDraft } from "@/components/admin/role-fields";
import { sendJson } from "@/components/admin/send-json";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/validations/field-errors";
import { roleGrantSchema, type RoleKind } from "@/lib/validations/user";

/** Gives the account one more role; a role it already holds is refused by the server (409) and said so. */
export function GrantRoleForm({ userId, roles, cities }: { userId: string; roles: RoleKind[]; cities: CityOption[] }) {
  const t = useTranslations("admin.detail");
  const te = useTranslations("admin.errors");
  const router = useRouter();
  const initial = roles.includes("BRANCH_STAFF") ? "BRANCH_STAFF" : roles[0];
  const [draft, setDraft] = useState<RoleDraft>(emptyRoleDraft(initial, cities));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<{ kind: "idle" | "sending" | "granted" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = roleGrantSchema.safeParse(roleGrantFromDraft(draft) ?? {});
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setOutcome({ kind: "sending" });
    const result = await sendJson(`/api/v1/admin/users/${userId}/roles`, "POST", parsed.data);
    if (result.ok) {
      setOutcome({ kind: "granted" });
      setDraft(emptyRoleDraft(initial, cities));
      router.refresh();
    } else {
      setErrors(result.fields);
      setOutcome({ kind: "error", message: result.message === null ? te("network") : te("failed", { message: result.message }) });
    }
  }

  return (
    <form className="admin-form" noValidate onSubmit={submit} aria-labelledby="grant-heading">
      <RoleFields idPrefix="grant" roles={roles} allowNone={false} cities={cities} value={draft} onChange={setDraft} errors={errors} path="" />
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={outcome.kind === "sending"}>
          {outcome.kind === "sending" ? t("granting") : t("grantSubmit")}
        </button>
      </div>
      <p role="status" className="admin-outcome">
        {outcome.kind === "granted" && t("granted")}
      </p>
      {outcome.kind === "error" && (
        <p role="alert" className="admin-problem">
          {outcome.message}
        </p>
      )}
    </form>
  );
}
