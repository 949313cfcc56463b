import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AccountStatus } from "@/components/admin/account-status";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AdminNav } from "@/components/admin/admin-nav";
import { GrantRoleForm } from "@/components/admin/grant-role-form";
import { ResetPasswordForm } from "@/components/admin/reset-password-form";
import { RevokeRoleButton } from "@/components/admin/revoke-role-button";
import { UserProfileForm } from "@/components/admin/user-profile-form";
import { AppError } from "@/lib/errors";
import { getUser } from "@/lib/server/user/get-user";
import { roleKinds } from "@/lib/validations/user";
import { adminPageAccess, scopeCities } from "../../admin-page-access";
import { roleLabel } from "../role-label";
import "../../admin.css";

export const metadata: Metadata = { robots: { index: false } };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, scope } = await adminPageAccess();
  if (!scope) return <AdminForbidden />;
  const { id } = await params;
  const user = await getUser(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") return null;
    throw error;
  });
  if (!user) return <AdminForbidden />;
  const [cities, t, tr, tu, format] = await Promise.all([
    scopeCities(actor, scope),
    getTranslations("admin.detail"),
    getTranslations("admin.roles"),
    getTranslations("admin.users"),
    getFormatter(),
  ]);
  const dateTime = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const isSelf = user.id === actor.userId;

  return (
    <main className="page admin-page">
      <AdminNav current="users" />
      <p>
        <a className="back-link" href="/admin/users">
          {t("back")}
        </a>
      </p>
      <h1>{t("title", { name: user.name })}</h1>
      {isSelf && <p className="muted">{t("self")}</p>}

      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {user.name}
        </h2>
        <dl className="facts">
          <dt>{t("username")}</dt>
          <dd>{user.username}</dd>
          <dt>{t("email")}</dt>
          <dd className="admin-break">{user.email}</dd>
          <dt>{t("status")}</dt>
          <dd>
            <span className={`admin-state ${user.active ? "is-active" : "is-deactivated"}`}>{user.active ? tu("active") : tu("deactivated")}</span>
          </dd>
          <dt>{t("created")}</dt>
          <dd>{dateTime(user.createdAt)}</dd>
          <dt>{t("lastSession")}</dt>
          <dd>{user.lastSessionAt ? dateTime(user.lastSessionAt) : t("none")}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t("roles")}</h2>
        {user.roles.length === 0 ? (
          <p>{t("noRoles")}</p>
        ) : (
          <ul className="admin-role-list" data-testid="user-roles">
            {user.roles.map((role) => {
              const label = roleLabel(role, tr(role.role));
              return (
                <li key={role.id}>
                  <span>{label}</span>
                  <RevokeRoleButton userId={user.id} roleId={role.id} roleLabel={label} />
                </li>
              );
            })}
          </ul>
        )}
        <h3 id="grant-heading">{t("grant")}</h3>
        <GrantRoleForm userId={user.id} roles={scope.kind === "province" ? [...roleKinds] : ["BRANCH_STAFF"]} cities={cities} />
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile")}</h2>
        <UserProfileForm userId={user.id} name={user.name} email={user.email} />
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password")}</h2>
        <ResetPasswordForm userId={user.id} />
      </section>

      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">{t("account")}</h2>
        <p>{user.active ? t("activeBody") : t("deactivatedBody", { date: dateTime(user.deactivatedAt!) })}</p>
        <AccountStatus userId={user.id} name={user.name} active={user.active} />
      </section>
    </main>
  );
}
