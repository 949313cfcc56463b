import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CoverageMapLoader } from "@/components/coverage/coverage-map-loader";
import { GAP_COLOR, STATION_COLOR } from "@/components/coverage/coverage-colors";
import type { TileConfig } from "@/components/finder/finder-types";
import type { Actor } from "@/lib/server/actor";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import { COVERAGE_THRESHOLD_MAX_M, COVERAGE_THRESHOLD_MIN_M, type CoverageQuery } from "@/lib/validations/coverage";
import "./coverage.css";

/**
 * Coverage gaps for the actor's area: the controls (a plain GET form, so it works before the map's
 * script has loaded), the map, the district ranking and the method in words. For the admin dashboard
 * and /admin/coverage; the caller has checked that the actor may see it.
 */
export async function CoveragePanel({ actor, query, tiles }: { actor: Actor; query: CoverageQuery; tiles: TileConfig }) {
  const [view, amenityTypes, t, format, locale] = await Promise.all([
    getCoverage(actor, query),
    listAmenityTypes(actor),
    getTranslations("coverage"),
    getFormatter(),
    getLocale(),
  ]);
  const amenityName = (code: string) => {
    const type = amenityTypes.find((a) => a.code === code);
    return type ? (locale === "en" ? type.nameEn : type.nameZh) : code;
  };
  const number = (n: number) => format.number(n, { maximumFractionDigits: 0 });
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 1 });
  const scope = view.cities.length === 14 ? t("scopeProvince") : t("scopeCities", { cities: view.cities.map((c) => c.name).join("、") });
  const threshold = number(view.thresholdMeters);

  return (
    <section className="coverage-panel" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">{t("panelTitle")}</h2>
      <p>{t("intro")}</p>
      <p className="coverage-sample" role="note">
        {t("sampleNote")}
      </p>

      <form className="coverage-controls" method="get">
        <fieldset>
          <legend>{t("controls.legend")}</legend>
          <label>
            {t("controls.amenity")}
            <select name="amenity" defaultValue={view.amenity ?? ""}>
              <option value="">{t("controls.anyAmenity")}</option>
              {amenityTypes.map((a) => (
                <option key={a.code} value={a.code}>
                  {amenityName(a.code)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("controls.threshold")}
            <input
              type="number"
              name="thresholdMeters"
              min={COVERAGE_THRESHOLD_MIN_M}
              max={COVERAGE_THRESHOLD_MAX_M}
              step={50}
              required
              defaultValue={view.thresholdMeters}
              aria-describedby="coverage-threshold-hint"
            />
            <small id="coverage-threshold-hint">{t("controls.thresholdHint", { min: COVERAGE_THRESHOLD_MIN_M, max: COVERAGE_THRESHOLD_MAX_M })}</small>
          </label>
          <button type="submit" className="button primary">
            {t("controls.submit")}
          </button>
        </fieldset>
      </form>

      <p className="coverage-summary" data-testid="coverage-summary">
        {t("summary", {
          scope,
          residents: number(view.total.residents),
          outside: number(view.total.residentsOutside),
          share: percent(view.total.shareOutside),
          what: view.amenity ? t("whatAmenity", { amenity: amenityName(view.amenity) }) : t("whatAny"),
          threshold,
          stations: number(view.stations),
        })}
      </p>

      <div className="coverage-body">
        <figure className="coverage-figure">
          <div className="coverage-map" role="region" aria-label={t("map.label")} data-testid="coverage-map" data-gap-rectangles={view.gapRuns.length}>
            <CoverageMapLoader key={`${view.amenity}|${view.thresholdMeters}`} gapRuns={view.gapRuns} stationPoints={view.stationPoints} tiles={tiles} />
          </div>
          <figcaption>
            <ul className="coverage-legend">
              <li>
                <span className="swatch" style={{ background: GAP_COLOR }} aria-hidden="true" />
                {t("map.legendGaps", { threshold })}
              </li>
              <li>
                <span className="swatch dot" style={{ background: STATION_COLOR }} aria-hidden="true" />
                {t("map.legendStations")}
              </li>
              <li>
                <span className="swatch outline" aria-hidden="true" />
                {t("map.legendOutlines")}
              </li>
            </ul>
            <small className="muted">{t("map.offlineNote")}</small>
          </figcaption>
        </figure>

        <div className="coverage-ranking">
          <h3 id="coverage-ranking-heading">{t("ranking.title")}</h3>
          <div className="coverage-table-scroll" tabIndex={0} role="region" aria-labelledby="coverage-ranking-heading">
            <table data-testid="coverage-ranking">
              <caption>{t("ranking.caption", { threshold })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ranking.rank")}</th>
                  <th scope="col">{t("ranking.district")}</th>
                  <th scope="col">{t("ranking.outside")}</th>
                  <th scope="col">{t("ranking.share")}</th>
                  <th scope="col">{t("ranking.residents")}</th>
                </tr>
              </thead>
              <tbody>
                {view.districts.map((d, i) => (
                  <tr key={d.adcode}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      {d.name}
                      <small>{d.cityName}</small>
                    </th>
                    <td>{number(d.residentsOutside)}</td>
                    <td>{percent(d.shareOutside)}</td>
                    <td>{number(d.residents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>

      <section className="coverage-method" aria-labelledby="coverage-method-heading">
        <h3 id="coverage-method-heading">{t("method.title")}</h3>
        <ol>
          {(t.raw("method.steps") as string[]).map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <h4>{t("method.limitsTitle")}</h4>
        <ul>
          {(t.raw("method.limits") as string[]).map((limit) => (
            <li key={limit}>{limit}</li>
          ))}
        </ul>
        <p className="muted">
          {t("method.docs")} {t("method.computed", { time: format.dateTime(new Date(view.computedAt), { dateStyle: "medium", timeStyle: "medium" }), ms: number(view.computeMs) })}
        </p>
      </section>
    </section>
  );
}
