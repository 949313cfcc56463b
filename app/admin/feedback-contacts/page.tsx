import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AdminNav } from "@/components/admin/admin-nav";
import { ContactErasureForm } from "@/components/admin/contact-erasure-form";
import { adminPageAccess } from "../admin-page-access";
import "../admin.css";

export const metadata: Metadata = { robots: { index: false } };

/**
 * A reporter's request to delete their details, carried out by a province admin (the privacy page
 * promises it). City managers see why they cannot; the routes refuse them whatever the page shows.
 */
export default async function FeedbackContactsPage() {
  const { scope } = await adminPageAccess();
  if (!scope) return <AdminForbidden />;
  const t = await getTranslations("admin.contacts");
  return (
    <main className="page admin-page">
      <AdminNav current="contacts" />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {scope.kind === "province" ? <ContactErasureForm /> : <p className="card notice" role="note">{t("provinceOnly")}</p>}
    </main>
  );
}
