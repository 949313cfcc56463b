"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useStationVersion } from "@/components/staff/station-version";

export type SaveOutcome<Current> =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "invalid"; count: number }
  | { kind: "done"; message: "saved" | "verified" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; current: Current & { version: number } };

type SaveResult = { ok: true; value: { version: number } } | { ok: false; details?: unknown };

/**
 * One save of a station form: sends it against the shared version, moves that version on when it
 * lands, refreshes the server-rendered page (history, and the public pages the router has cached),
 * and turns a 409 into the conflict the form shows.
 */
export function useStationSave<Current>() {
  const t = useTranslations("staff.form");
  const router = useRouter();
  const [version, setVersion] = useStationVersion();
  const [outcome, setOutcome] = useState<SaveOutcome<Current>>({ kind: "idle" });

  async function submit(url: string, method: string, body: unknown, done: "saved" | "verified" = "saved"): Promise<SaveResult> {
    setOutcome({ kind: "saving" });
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    if (!response) {
      setOutcome({ kind: "error", message: t("network") });
      return { ok: false };
    }
    const json = await response.json().catch(() => null);
    if (response.ok) {
      setVersion(json.version);
      setOutcome({ kind: "done", message: done });
      router.refresh();
      return { ok: true, value: json };
    }
    const error = json?.error as { message?: string; details?: { current?: Current & { version: number } } } | undefined;
    if (response.status === 409 && error?.details?.current) setOutcome({ kind: "conflict", current: error.details.current });
    else setOutcome({ kind: "error", message: error?.message ?? String(response.status) });
    return { ok: false, details: error?.details };
  }

  return { version, outcome, setOutcome, submit };
}
