import { getTranslations } from "next-intl/server";
import "./admin-nav.css";

const PAGES = [
  ["dashboard", "/admin"],
  ["coverage", "/admin/coverage"],
  ["users", "/admin/users"],
  ["audit", "/admin/audit"],
  ["import", "/admin/import"],
  ["export", "/admin/export"],
  ["posters", "/admin/posters"],
  ["contacts", "/admin/feedback-contacts"],
] as const;

export type AdminPage = (typeof PAGES)[number][0];

/** The admin pages' shared navigation; the current page is marked for screen readers too. */
export async function AdminNav({ current }: { current: AdminPage }) {
  const t = await getTranslations("admin.nav");
  return (
    <nav className="admin-nav" aria-label={t("label")}>
      <ul>
        {PAGES.map(([page, href]) => (
          <li key={page}>
            <a href={href} aria-current={page === current ? "page" : undefined}>
              {t(page)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
