import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { TransferNav } from "@/components/transfer/transfer-nav";
import { getDb } from "@/lib/db";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import "@/components/transfer/transfer.css";

export const metadata: Metadata = { title: "导出数据", robots: { index: false } };

export default async function ExportPage() {
  const actor = await getRequestActor(await headers());
  if (actor.kind !== "user") redirect("/login");
  const t = await getTranslations("transfer");
  const admin = actor.roles.some((r) => r.role === "PROVINCE_ADMIN");
  const managed = actor.roles.flatMap((r) => (r.role === "CITY_MANAGER" && r.cityAdcode !== null ? [r.cityAdcode] : []));
  const stations = actor.roles.filter((r) => r.role === "BRANCH_STAFF").length;
  const cities = await getDb().city.findMany({ where: admin ? {} : { adcode: { in: managed } }, select: { adcode: true, name: true }, orderBy: { adcode: "asc" } });
  const scope = [admin ? t("export.scopeAll") : cities.map((c) => c.name).join("、"), !admin && stations ? t("export.scopeStations", { count: stations }) : ""].filter(Boolean).join("、");

  if (!actor.roles.length) {
    return (
      <main className="page transfer-page">
        <h1>{t("export.title")}</h1>
        <p className="card notice" role="alert">{t("noRole")}</p>
      </main>
    );
  }
  const link = (file: string, label: string) => (
    <li>
      <a href={`/api/v1/admin/export/${file}`} download>{label}</a>
    </li>
  );
  return (
    <main className="page transfer-page">
      <TransferNav current="export" />
      <h1>{t("export.title")}</h1>
      <p>{t("export.intro")}</p>
      <p className="muted">{t("export.scope", { scope })}</p>
      <section className="card" aria-labelledby="stations-heading">
        <h2 id="stations-heading">{t("export.stations")}</h2>
        <p className="muted">{t("export.stationsHint")}</p>
        <ul className="transfer-links">
          {link("stations.xlsx", t("export.xlsx"))}
          {link("stations.csv", t("export.csv"))}
          {link("stations.geojson", t("export.geojson"))}
        </ul>
      </section>
      {(admin || managed.length > 0) && (
        <section className="card" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">{t("export.coverage")}</h2>
          <p className="muted">{t("export.coverageHint")}</p>
          <ul className="transfer-links">
            {link("coverage.xlsx", t("export.xlsx"))}
            {link("coverage.csv", t("export.csv"))}
          </ul>
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
