import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { clientMessages } from "@/lib/i18n/client-messages";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={await clientMessages(["staff"])}>{children}</NextIntlClientProvider>;
}
