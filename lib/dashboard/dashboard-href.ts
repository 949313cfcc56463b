import { dashboardQuerySchema, type DashboardQuery } from "@/lib/validations/dashboard";

const defaults = dashboardQuerySchema.parse({});

/**
 * The dashboard's URL for the current view with some parameters changed: every control is a link or a
 * GET form, so the view works without JavaScript and can be shared. Defaults are left out of the URL.
 */
export function dashboardHref(query: DashboardQuery, changes: Partial<DashboardQuery> = {}, hash = ""): string {
  const search = new URLSearchParams(dashboardParams({ ...query, ...changes })).toString();
  return `/admin${search ? `?${search}` : ""}${hash}`;
}

/** The view's parameters that differ from the defaults, as [name, value] pairs: a GET form's hidden fields. */
export function dashboardParams(query: DashboardQuery, except: (keyof DashboardQuery)[] = []): [string, string][] {
  const params: [string, string][] = [];
  for (const key of ["city", "focus", "measure", "sort", "dir", "q", "stale"] as const) {
    const value = query[key];
    if (except.includes(key) || value === undefined || value === "" || value === defaults[key as keyof typeof defaults]) continue;
    params.push([key, String(value)]);
  }
  return params;
}
