import { getTranslations } from "next-intl/server";

/**
 * What a signed-in user without an administrator's role sees on the admin pages. It only explains: the
 * data layer refuses their requests whatever the page shows.
 */
export async function AdminForbidden() {
  const t = await getTranslations("admin.forbidden");
  return (
    <main className="page">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <a href="/staff">{t("back")}</a>
      </p>
    </main>
  );
}
