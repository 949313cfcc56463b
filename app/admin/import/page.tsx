import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { ImportForm } from "@/components/transfer/import-form";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppError } from "@/lib/errors";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { requireImportAccess, type ImportScope } from "@/lib/server/transfer/transfer-access";
import "@/components/transfer/transfer.css";

export const metadata: Metadata = { title: "导入驿站", robots: { index: false } };

export default async function ImportPage() {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  const t = await getTranslations("transfer");
  let scope: ImportScope | null = null;
  try {
    scope = requireImportAccess(actor);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  const allowed = scope?.cities;
  const cityNames = Array.isArray(allowed) ? (await loadTransferContext()).cities.filter((c) => allowed.includes(c.adcode)).map((c) => c.name) : [];

  return (
    <main className="page transfer-page">
      <AdminNav current="import" />
      <h1>{t("import.title")}</h1>
      {!scope ? (
        <p className="card notice" role="alert">
          {t("forbidden")}
        </p>
      ) : (
        <>
          <p>{t("import.intro")}</p>
          <p className="muted">{t("import.scope", { scope: scope.cities === "all" ? t("import.scopeAll") : cityNames.join("、") })}</p>
          <section className="card" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">{t("import.downloads")}</h2>
            <ul className="transfer-links">
              <li><a href="/api/v1/admin/import/template.xlsx" download>{t("import.templateXlsx")}</a></li>
              <li><a href="/api/v1/admin/import/template.csv" download>{t("import.templateCsv")}</a></li>
              <li><a href="/api/v1/admin/import/example.xlsx" download>{t("import.exampleXlsx")}</a></li>
              <li><a href="/api/v1/admin/import/example.csv" download>{t("import.exampleCsv")}</a></li>
            </ul>
          </section>
          <ImportForm />
        </>
      )}
    </main>
  );
}
