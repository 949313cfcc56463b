import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import "@/components/transfer/transfer.css";

export const metadata: Metadata = { title: "导出数据", robots: { index: false } };

export default async function ExportPage() {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  const t = await getTranslations("transfer");
  const admin = actor.roles.some((r) => r.role === "PROVINCE_ADMIN");
  const managed = actor.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
  const stations = actor.roles.filter((r) => r.role === "BRANCH_STAFF").length;
  const cities = (await loadTransferContext()).cities.filter((c) => admin || managed.includes(c.adcode));
  const scope = [admin ? t("export.scopeAll") : cities.map((c) => c.name).join("、"), !admin && stations ? t("export.scopeStations", { count: stations }) : ""].filter(Boolean).join("、");

  if (!actor.roles.length) {
    return (
      <main className="page transfer-page">
        <h1>{t("export.title")}</h1>
        <p className="card notice" role="alert">{t("noRole")}</p>
      </main>
    );
  }
  // One row per scope: the whole of what the user may see, then each of their cities on its own.
  const scopes = [{ key: "all", label: scope, query: "" }, ...(admin || managed.length > 1 ? cities : []).map((c) => ({ key: String(c.adcode), label: c.name, query: `?city=${c.adcode}` }))];
  const table = (kind: "stations" | "coverage", formats: ("xlsx" | "csv" | "geojson")[]) => (
    <div className="transfer-table-wrap">
      <table className="transfer-table transfer-downloads" data-testid={`${kind}-downloads`}>
        <thead>
          <tr>
            <th scope="col">{t("export.scopeColumn")}</th>
            {formats.map((format) => (
              <th key={format} scope="col">
                {t(`export.${format}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scopes.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {formats.map((format) => (
                <td key={format}>
                  <a href={`/api/v1/admin/export/${kind}.${format}${row.query}`} download aria-label={`${row.label} ${t(`export.${format}`)}`}>
                    {t("export.download")}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <main className="page transfer-page">
      <AdminNav current="export" />
      <h1>{t("export.title")}</h1>
      <p>{t("export.intro")}</p>
      <p className="muted">{t("export.scope", { scope })}</p>
      <section className="card" aria-labelledby="stations-heading">
        <h2 id="stations-heading">{t("export.stations")}</h2>
        <p className="muted">{t("export.stationsHint")}</p>
        {table("stations", ["xlsx", "csv", "geojson"])}
      </section>
      {(admin || managed.length > 0) && (
        <section className="card" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">{t("export.coverage")}</h2>
          <p className="muted">{t("export.coverageHint")}</p>
          {table("coverage", ["xlsx", "csv", "geojson"])}
        </section>
      )}
      <section className="card" aria-labelledby="posters-heading">
        <h2 id="posters-heading">{t("export.posters")}</h2>
        <p className="muted">{t("export.postersHint")}</p>
        <ul className="transfer-links transfer-cities">
          {cities.map((c) => (
            <li key={c.adcode}>
              <a href={`/admin/posters?city=${c.adcode}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
