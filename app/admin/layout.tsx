import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { clientMessages } from "@/lib/i18n/client-messages";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={await clientMessages(["admin", "audit", "coverage", "transfer"])}>{children}</NextIntlClientProvider>;
}
