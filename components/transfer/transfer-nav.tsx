import { getTranslations } from "next-intl/server";

/** Links between the import, export and poster pages; the current one is marked for screen readers too. */
export async function TransferNav({ current }: { current: "import" | "export" | "posters" }) {
  const t = await getTranslations("transfer.nav");
  return (
    <nav className="transfer-nav" aria-label={t("label")}>
      {(["import", "export", "posters"] as const).map((page) => (
        <a key={page} href={`/admin/${page}`} aria-current={page === current ? "page" : undefined}>
          {t(page)}
        </a>
      ))}
    </nav>
  );
}
