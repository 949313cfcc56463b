import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { adminPageAccess } from "./admin-page-access";
import "./admin.css";

export const metadata: Metadata = { robots: { index: false } };

export default async function AdminPage() {
  const { scope } = await adminPageAccess();
  if (!scope) return <AdminForbidden />;
  const t = await getTranslations("admin");
  return (
    <main className="page">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ul className="admin-links">
        <li>
          <a href="/admin/users">{t("links.users")}</a>
          <small className="muted">{t("links.usersHint")}</small>
        </li>
        <li>
          <a href="/admin/audit">{t("links.audit")}</a>
          <small className="muted">{t("links.auditHint")}</small>
        </li>
      </ul>
    </main>
  );
}
