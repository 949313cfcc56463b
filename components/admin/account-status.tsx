"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/admin/send-json";
import { useProblemText } from "@/components/admin/use-admin-submit";

/**
 * Deactivate (after a confirmation, because it signs the person out at once) or reactivate. The server
 * refuses deactivating oneself or the province's last administrator, and the form shows why.
 */
export function AccountStatus({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  const t = useTranslations("admin.detail");
  const problemText = useProblemText();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function change(action: "deactivate" | "reactivate") {
    setPending(true);
    setProblem(null);
    const result = await sendJson(`/api/v1/admin/users/${userId}/${action}`, "POST");
    setPending(false);
    setConfirming(false);
    if (result.ok) router.refresh();
    else setProblem(problemText(result.message));
  }

  return (
    <div>
      {!active ? (
        <button type="button" className="button primary" disabled={pending} onClick={() => void change("reactivate")}>
          {pending ? t("working") : t("reactivate")}
        </button>
      ) : confirming ? (
        <div className="admin-confirm" role="group" aria-label={t("deactivate")}>
          <p>{t("confirmBody", { name })}</p>
          <div className="admin-actions">
            <button type="button" className="button primary" disabled={pending} onClick={() => void change("deactivate")}>
              {pending ? t("working") : t("confirmDeactivate")}
            </button>
            <button type="button" className="button secondary" disabled={pending} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
          {t("deactivate")}
        </button>
      )}
      {problem && (
        <p role="alert" className="admin-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
