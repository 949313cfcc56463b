import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { CoveragePanel } from "@/components/coverage/coverage-panel";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { viewableCities } from "@/lib/server/coverage/area-scope";
import { getPageActor } from "@/lib/server/auth/get-page-actor";
import { findUnknownAmenityCodes } from "@/lib/server/amenity/find-unknown-amenity-codes";
import { coverageQuerySchema, type CoverageQuery } from "@/lib/validations/coverage";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("coverage");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function CoveragePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect("/login");
  const t = await getTranslations("coverage");
  try {
    viewableCities(actor);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <main className="page">
        <AdminNav current="coverage" />
        <h1>{t("title")}</h1>
        <p role="alert">{t("refused")}</p>
      </main>
    );
  }

  // The form sends an empty amenity for "any"; a bad link falls back to the defaults rather than failing.
  const params = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = coverageQuerySchema.safeParse(params);
  const known = parsed.success && (parsed.data.amenity === undefined || (await findUnknownAmenityCodes(actor, [parsed.data.amenity])).length === 0);
  const query: CoverageQuery = parsed.success && known ? parsed.data : coverageQuerySchema.parse({});

  return (
    <main className="page coverage-page">
      <AdminNav current="coverage" />
      <h1>{t("title")}</h1>
      {!(parsed.success && known) && <p role="alert">{t("invalidQuery")}</p>}
      <CoveragePanel actor={actor} query={query} tiles={{ url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION, datum: env.TILE_DATUM }} />
    </main>
  );
}
