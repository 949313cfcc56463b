"use client";

import { useTranslations } from "next-intl";

export function MapLoading() {
  const t = useTranslations("common");
  return <p className="muted map-placeholder">{t("mapLoading")}</p>;
}
