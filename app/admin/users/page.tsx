import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AdminNav } from "@/components/admin/admin-nav";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { listUsers } from "@/lib/server/user/list-users";
import { listUsersQuerySchema, roleKinds, type ListUsersQuery } from "@/lib/validations/user";
import { adminPageAccess, scopeCities } from "../admin-page-access";
import { roleLabel } from "./role-label";
import "../admin.css";

export const metadata: Metadata = { robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, scope } = await adminPageAccess();
  if (!scope) return <AdminForbidden />;
  const params = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== undefined));
  const parsed = listUsersQuerySchema.safeParse(params);
  const query: ListUsersQuery = parsed.success ? parsed.data : { page: 1 };
  const [page, cities, t, tr, tc, format] = await Promise.all([
    listUsers(actor, query),
    scopeCities(actor, scope),
    getTranslations("admin.users"),
    getTranslations("admin.roles"),
    getTranslations("admin.create"),
    getFormatter(),
  ]);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageHref = (n: number) => {
    const search = new URLSearchParams();
    for (const key of ["q", "role", "status"] as const) if (query[key]) search.set(key, query[key]);
    if (query.city !== undefined) search.set("city", String(query.city));
    if (n > 1) search.set("page", String(n));
    return `/admin/users${search.size ? `?${search}` : ""}`;
  };

  return (
    <main className="page admin-page">
      <AdminNav current="users" />
      <h1>{t("title")}</h1>
      {scope.kind === "city" && <p className="muted">{t("scopeCity", { cities: cities.map((c) => c.name).join("、") })}</p>}

      <details className="card admin-create">
        <summary id="create-user-heading">{tc("open")}</summary>
        <CreateUserForm roles={scope.kind === "province" ? [...roleKinds] : ["BRANCH_STAFF"]} allowNone={scope.kind === "province"} cities={cities} />
      </details>

      <form className="card admin-filters" method="get" action="/admin/users" aria-label={t("filters")}>
        <label className="admin-filter-q">
          {t("search")}
          <input type="search" name="q" defaultValue={query.q ?? ""} maxLength={100} />
        </label>
        <label>
          {t("role")}
          <select name="role" defaultValue={query.role ?? ""}>
            <option value="">{t("anyRole")}</option>
            {roleKinds.map((role) => (
              <option key={role} value={role}>
                {tr(role)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("city")}
          <select name="city" defaultValue={query.city ?? ""}>
            <option value="">{t("anyCity")}</option>
            {cities.map((city) => (
              <option key={city.adcode} value={city.adcode}>
                {city.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("status")}
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("anyStatus")}</option>
            <option value="active">{t("active")}</option>
            <option value="deactivated">{t("deactivated")}</option>
          </select>
        </label>
        <div className="admin-actions">
          <button type="submit" className="button primary">
            {t("apply")}
          </button>
          <a className="button secondary" href="/admin/users">
            {t("clear")}
          </a>
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="admin-problem">
          {t("badFilters", { message: parsed.error.issues.map((i) => i.message).join("；") })}
        </p>
      )}

      <p className="admin-count" role="status">
        {t("count", { total: page.total })}
      </p>
      <ul className="admin-users" data-testid="user-list">
        {page.data.map((user) => (
          <li key={user.id} className="card">
            <div className="admin-user-head">
              <a href={`/admin/users/${user.id}`} className="admin-user-name">
                {user.name}
              </a>
              <span className={`admin-state ${user.active ? "is-active" : "is-deactivated"}`}>{user.active ? t("active") : t("deactivated")}</span>
            </div>
            <p className="muted admin-user-ids">
              {user.username} · {user.email}
            </p>
            {user.roles.length ? (
              <ul className="admin-roles">
                {user.roles.map((role) => (
                  <li key={role.id}>{roleLabel(role, tr(role.role))}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("noRoles")}</p>
            )}
            <p className="muted">
              {user.lastSessionAt ? t("lastSession", { date: format.dateTime(new Date(user.lastSessionAt), { dateStyle: "medium", timeStyle: "short" }) }) : t("noSession")}
            </p>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="admin-pages" aria-label={t("pageOf", { page: page.page, pages })}>
          {page.page > 1 ? (
            <a className="button secondary" href={pageHref(page.page - 1)}>
              {t("previous")}
            </a>
          ) : (
            <span />
          )}
          <span>{t("pageOf", { page: page.page, pages })}</span>
          {page.page < pages ? (
            <a className="button secondary" href={pageHref(page.page + 1)}>
              {t("next")}
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </main>
  );
}
