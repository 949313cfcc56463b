"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { useProblemText } from "@/components/admin/use-admin-submit";

/** Takes one role away; the server refuses what would lock the province out, and the reason is shown. */
export function RevokeRoleButton({ userId, roleId, roleLabel }: { userId: string; roleId: string; roleLabel: string }) {
  const t = useTranslations("admin.detail");
  const problemText = useProblemText();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setProblem(null);
    const result = await sendJson(`/api/v1/admin/users/${userId}/roles/${roleId}`, "DELETE");
    setPending(false);
    if (result.ok) router.refresh();
    else setProblem(problemText(result.message));
  }

  return (
    <span className="admin-revoke">
      <button type="button" className="button secondary" disabled={pending} aria-label={t("revokeLabel", { role: roleLabel })} onClick={() => void revoke()}>
        {pending ? t("revoking") : t("revoke")}
      </button>
      {problem && (
        <span role="alert" className="admin-problem">
          {problem}
        </span>
      )}
    </span>
  );
}
