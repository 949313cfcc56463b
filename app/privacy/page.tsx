import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("title") };
}

const sections = [
  { id: "collected", items: ["feedback", "clientHash", "staff"] },
  { id: "notCollected", items: ["location", "api", "tiles", "cookies"] },
  { id: "access", items: ["feedback"] },
  { id: "retention", items: ["contact", "rest"] },
  { id: "deletion", items: ["how"] },
] as const;

/** What the directory collects and keeps, in the reader's language; the retention period is the configured one. */
export default async function PrivacyPage() {
  // Rendered per request: the retention period is read from the running server's environment, not the build's.
  await connection();
  const t = await getTranslations("privacy");
  return (
    <main className="page privacy-page">
      <a href="/" className="back-link">
        ← {t("back")}
      </a>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {sections.map((section) => (
        <section key={section.id} className="card" aria-labelledby={`privacy-${section.id}`}>
          <h2 id={`privacy-${section.id}`}>{t(`${section.id}.heading`)}</h2>
          <ul>
            {section.items.map((item) => (
              <li key={item} data-testid={`privacy-${section.id}-${item}`}>
                {t(`${section.id}.${item}`, { days: env.FEEDBACK_CONTACT_RETENTION_DAYS })}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
