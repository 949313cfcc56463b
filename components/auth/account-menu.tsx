import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getPageReader } from "@/lib/server/auth/get-page-actor";
import "./auth.css";

/**
 * The header's account menu for signed-in staff. Public readers carry no session cookie, so for them this
 * costs one cookie lookup and no database query.
 */
export async function AccountMenu() {
  const actor = await getPageReader();
  if (actor.kind !== "user") return null;
  const t = await getTranslations("auth.menu");
  const manages = actor.roles.some((r) => r.role === "PROVINCE_ADMIN" || r.role === "CITY_MANAGER");
  return (
    <details className="account-menu" data-testid="account-menu">
      <summary>{t("label")}</summary>
      <div className="account-menu-panel">
        <p className="account-menu-name">{t("signedInAs", { name: actor.label.replace(/^user:/, "") })}</p>
        <nav aria-label={t("label")}>
          <a href="/staff">{t("staff")}</a>
          {manages && <a href="/admin">{t("admin")}</a>}
          {manages && <a href="/admin/audit">{t("audit")}</a>}
        </nav>
        <SignOutButton />
        <SignOutButton everywhere />
      </div>
    </details>
  );
}
