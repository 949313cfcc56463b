import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { AuditValue } from "@/components/audit/audit-value";
import { changedFields } from "@/lib/audit-diff";
import { validationError } from "@/lib/errors";
import { listAmenityTypes } from "@/lib/server/amenity/list-amenity-types";
import { listAuditEvents, nextAuditCursor } from "@/lib/server/audit/list-audit-events";
import { listAuditFilterOptions } from "@/lib/server/audit/list-audit-filter-options";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { auditActions, auditEntities, auditQueryParamsSchema, encodeAuditCursor, withoutBlankParams } from "@/lib/validations/station-edit";
import "./audit.css";

export const metadata: Metadata = { robots: { index: false } };

type SearchParams = Record<string, string | string[] | undefined>;

/** Which form field a query parameter is, to name it beside its problem. */
const paramLabels: Record<string, "stationId" | "station" | "city" | "actor" | "entity" | "action" | "from" | "to"> = {
  stationId: "stationId",
  station: "station",
  cityAdcode: "city",
  actorUserId: "actor",
  entity: "entity",
  action: "action",
  from: "from",
  to: "to",
};

/** The filters' query string with `extra` applied; filters stay in the URL so a view can be shared. */
function hrefWith(base: string, params: Record<string, string | string[]>, extra: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) {
    for (const one of [value ?? []].flat()) search.append(key, one);
  }
  const query = search.toString();
  return query ? `${base}?${query}` : base;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  const t = await getTranslations("audit");

  // Branch staff read their stations' history on /staff; this browser of the whole log is for managers.
  // The query below scopes the rows by role in any case.
  if (!actor.roles.some((r) => r.role === "PROVINCE_ADMIN" || r.role === "CITY_MANAGER")) {
    return (
      <main className="page audit-page">
        <AdminNav current="audit" />
        <h1>{t("title")}</h1>
        <p className="card notice" role="alert" data-testid="audit-refused">
          {t("refused")} <a href="/staff">{t("toStaff")}</a>
        </p>
      </main>
    );
  }

  const raw = withoutBlankParams(await searchParams) as Record<string, string | string[]>;
  const parsed = auditQueryParamsSchema.safeParse(raw);
  const [options, format, amenityTypes, locale] = await Promise.all([listAuditFilterOptions(actor), getFormatter(), listAmenityTypes(actor), getLocale()]);
  // A station's amenities are audited as a list keyed by amenity code: name each by its type.
  const amenityNames = new Map(amenityTypes.map((a) => [a.code, locale === "en" ? a.nameEn : a.nameZh]));
  const events = parsed.success ? await listAuditEvents(actor, parsed.data) : [];
  const next = parsed.success ? nextAuditCursor(events, parsed.data.limit) : null;
  const problems = parsed.success ? [] : (validationError(parsed.error).details as { path: string; message: string }[]);
  const { cursor: _cursor, ...filters } = raw;
  const value = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  const label = (group: string, key: string) => (t.has(`${group}.${key}`) ? t(`${group}.${key}` as "title") : key);
  const actorName = (actorLabel: string) => {
    const [kind, ...rest] = actorLabel.split(":");
    if (kind === "user") return rest.join(":");
    if (kind === "system") return t("system", { name: rest.join(":") });
    return actorLabel;
  };

  return (
    <main className="page audit-page">
      <AdminNav current="audit" />
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>

      <form method="get" action="/admin/audit" className="card audit-filters" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t("filters.title")}</h2>
        {value("stationId") && (
          <div className="audit-field">
            <label htmlFor="audit-stationId">{t("filters.stationId")}</label>
            <input type="text" id="audit-stationId" name="stationId" defaultValue={value("stationId")} />
          </div>
        )}
        <div className="audit-field">
          <label htmlFor="audit-station">{t("filters.station")}</label>
          <input type="search" id="audit-station" name="station" defaultValue={value("station")} maxLength={50} />
        </div>
        <div className="audit-field">
          <label htmlFor="audit-cityAdcode">{t("filters.city")}</label>
          <select id="audit-cityAdcode" name="cityAdcode" defaultValue={value("cityAdcode")}>
            <option value="">{t("filters.any")}</option>
            {options.cities.map((city) => (
              <option key={city.adcode} value={city.adcode}>
                {city.name}
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-actorUserId">{t("filters.actor")}</label>
          <select id="audit-actorUserId" name="actorUserId" defaultValue={value("actorUserId")}>
            <option value="">{t("filters.any")}</option>
            {options.actors.map((person) => (
              <option key={person.id} value={person.id}>
                {person.username ?? person.id}（{person.name}）
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-entity">{t("filters.entity")}</label>
          <select id="audit-entity" name="entity" defaultValue={value("entity")}>
            <option value="">{t("filters.any")}</option>
            {auditEntities.map((entity) => (
              <option key={entity} value={entity}>
                {t(`entities.${entity}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-action">{t("filters.action")}</label>
          <select id="audit-action" name="action" defaultValue={value("action")}>
            <option value="">{t("filters.any")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="audit-field">
          <label htmlFor="audit-from">{t("filters.from")}</label>
          <input type="date" id="audit-from" name="from" defaultValue={value("from")} />
        </div>
        <div className="audit-field">
          <label htmlFor="audit-to">{t("filters.to")}</label>
          <input type="date" id="audit-to" name="to" defaultValue={value("to")} />
        </div>
        <div className="audit-filter-actions">
          <button type="submit" className="button primary">
            {t("filters.submit")}
          </button>
          <a href="/admin/audit" className="button secondary">
            {t("filters.clear")}
          </a>
        </div>
      </form>

      {problems.length > 0 && (
        <div className="card audit-problems" role="alert" data-testid="audit-problems">
          <p>{t("filters.invalid")}</p>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                {problem.path in paramLabels ? `${t(`filters.${paramLabels[problem.path]}`)}：` : ""}
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      {parsed.success && (
        <>
          <div className="audit-summary">
            <p data-testid="audit-count">{t("count", { count: events.length })}</p>
            <a href={hrefWith("/api/v1/staff/audit.csv", filters, { limit: undefined })} download>
              {t("csv")}
            </a>
          </div>
          {events.length > 0 && (
            <table className="audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t("columns.time")}</th>
                  <th scope="col">{t("columns.actor")}</th>
                  <th scope="col">{t("columns.what")}</th>
                  <th scope="col">{t("columns.station")}</th>
                  <th scope="col">{t("columns.city")}</th>
                  <th scope="col">{t("columns.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => {
                  const changes = changedFields(event.before, event.after);
                  return (
                    <tr key={event.id} data-testid="audit-event">
                      <td data-label={t("columns.time")}>
                        <time dateTime={event.occurredAt}>
                          {format.dateTime(new Date(event.occurredAt), {
                            year: "numeric",
                            month: "2-digit",
                            day: "2-digit",
                            hour: "2-digit",
                            minute: "2-digit",
                            second: "2-digit",
                          })}
                        </time>
                      </td>
                      <td data-label={t("columns.actor")}>{actorName(event.actorLabel)}</td>
                      <td data-label={t("columns.what")}>
                        {label("entities", event.entity)} · {label("actions", event.action)}
                      </td>
                      <td data-label={t("columns.station")}>
                        {event.stationId ? (
                          <span>
                            <a href={`/stations/${event.stationId}`}>{event.stationName ?? event.stationId}</a>{" "}
                            <a className="audit-only" href={hrefWith("/admin/audit", {}, { stationId: event.stationId })}>
                              {t("onlyThisStation")}
                            </a>
                          </span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td data-label={t("columns.city")}>{event.cityName ?? <span className="muted">—</span>}</td>
                      <td data-label={t("columns.changes")}>
                        {changes.length === 0 ? (
                          <span className="muted">{t("noChanges")}</span>
                        ) : (
                          <dl className="audit-changes">
                            {changes.map((change) => (
                              <div key={change.field}>
                                <dt>
                                  {change.field === ""
                                    ? t("fields.whole")
                                    : event.entity === "station_amenities"
                                      ? (amenityNames.get(change.field) ?? change.field)
                                      : label("fields", change.field)}
                                </dt>
                                <dd>
                                  <AuditValue value={change.before} /> <span className="audit-arrow">→</span> <AuditValue value={change.after} />
                                </dd>
                              </div>
                            ))}
                          </dl>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <nav className="audit-pages" aria-label={t("title")}>
            {raw.cursor && <a href={hrefWith("/admin/audit", filters, {})}>{t("newest")}</a>}
            {next ? (
              <a href={hrefWith("/admin/audit", filters, { cursor: encodeAuditCursor(next) })} rel="next">
                {t("older")}
              </a>
            ) : (
              raw.cursor && <span className="muted">{t("noOlder")}</span>
            )}
          </nav>
        </>
      )}
    </main>
  );
}
