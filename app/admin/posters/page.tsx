import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { StationQrCode } from "@/components/station/station-qr-code";
import { PrintButton } from "@/components/transfer/print-button";
import { AdminNav } from "@/components/admin/admin-nav";
import { publicOrigin } from "@/lib/api/public-origin";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import { listPosterStations, type PosterStation } from "@/lib/server/transfer/list-poster-stations";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { posterQuerySchema } from "@/lib/validations/transfer";
import "@/components/transfer/transfer.css";

export const metadata: Metadata = { title: "驿站二维码海报", robots: { index: false } };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Print-ready A4 posters, one per station: name, address and a QR code to the station's public page. */
export default async function PostersPage({ searchParams }: PageProps) {
  const requestHeaders = await headers();
  const actor = await getRequestActor(requestHeaders);
  if (actor.kind !== "user") redirect("/login");
  const t = await getTranslations("transfer");
  const query = posterQuerySchema.safeParse(await searchParams);
  const cityAdcode = query.success ? query.data.city : undefined;
  const { cities } = await loadTransferContext();
  const city = cities.find((c) => c.adcode === cityAdcode);

  let stations: PosterStation[] = [];
  let forbidden = false;
  if (city) {
    try {
      stations = await listPosterStations(actor, city.adcode);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      forbidden = true;
    }
  }
  const origin = publicOrigin(requestHeaders, env.PUBLIC_BASE_URL);

  return (
    <main className="page transfer-page posters-page">
      <div className="posters-toolbar">
        <AdminNav current="posters" />
        <h1>{t("posters.title")}</h1>
        <nav aria-label={t("posters.chooseCity")} className="transfer-links transfer-cities">
          {cities.map((c) => (
            <a key={c.adcode} href={`/admin/posters?city=${c.adcode}`} aria-current={c.adcode === city?.adcode ? "page" : undefined}>
              {c.name}
            </a>
          ))}
        </nav>
        {!city && <p>{t("posters.chooseCity")}</p>}
        {forbidden && <p className="card notice" role="alert">{t("noRole")}</p>}
        {city && !forbidden && (
          <>
            <p>
              <strong>{t("posters.city", { city: city.name, count: stations.length })}</strong>
            </p>
            {stations.length === 0 ? (
              <p>{t("posters.none")}</p>
            ) : (
              <>
                <PrintButton label={t("posters.print")} />
                <p className="muted">{t("posters.printHint")}</p>
              </>
            )}
          </>
        )}
      </div>
      {stations.map((station) => {
        const url = `${origin}/stations/${station.id}`;
        return (
          <section key={station.id} className="poster" aria-label={station.name} data-testid="poster">
            <p className="poster-brand">
              <span className="brand-mark" aria-hidden="true">工</span> {t("posters.brand")}
            </p>
            <p className="poster-tagline">{t("posters.tagline")}</p>
            <h2 className="poster-name">{station.name}</h2>
            <p className="poster-address">{station.address}</p>
            <StationQrCode url={url} label={t("posters.qrLabel", { name: station.name, url })} />
            <p className="poster-scan">{t("posters.scan")}</p>
            <p className="poster-url">{url}</p>
          </section>
        );
      })}
    </main>
  );
}
