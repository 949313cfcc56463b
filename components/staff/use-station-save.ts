"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { useFocusFirstInvalid, useHydrated } from "@/components/staff/form-parts";
import { useStationVersion } from "@/components/staff/station-version";
import { fieldErrorsFromDetails, fieldErrorsFromZod, type FieldErrors } from "@/lib/validations/field-errors";

export type SaveOutcome<Current> =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "invalid"; count: number }
  | { kind: "done"; message: "saved" | "verified" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; current: Current & { version: number } };

type SaveResult = { ok: true } | { ok: false; details?: unknown };

/**
 * The save cycle every station form shares: check with the server's own schema, send against the
 * shared version, move that version on when it lands, refresh the server-rendered page (history, and
 * the public pages the router has cached), and turn a 409 into the conflict the form shows.
 */
export function useStationSave<Current>() {
  const t = useTranslations("staff.form");
  const router = useRouter();
  const [version, setVersion] = useStationVersion();
  const [outcome, setOutcome] = useState<SaveOutcome<Current>>({ kind: "idle" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useFocusFirstInvalid(errors);
  const hydrated = useHydrated();

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
      return { ok: true };
    }
    const error = json?.error as { message?: string; details?: { current?: Current & { version: number } } } | undefined;
    if (response.status === 409 && error?.details?.current) setOutcome({ kind: "conflict", current: error.details.current });
    else setOutcome({ kind: "error", message: error?.message ?? String(response.status) });
    return { ok: false, details: error?.details };
  }

  /**
   * Checks `input` with `schema` and sends what it parsed. Problems, the schema's or a 400's, are keyed
   * by `fieldKey`: a form whose rows are not the positions in the list it sends maps them back to rows.
   */
  async function save(schema: z.ZodType, input: unknown, url: string, method: string, fieldKey: (path: string) => string = (path) => path) {
    const keyed = (found: FieldErrors) => Object.fromEntries(Object.entries(found).map(([path, message]) => [fieldKey(path), message]));
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const found = keyed(fieldErrorsFromZod(parsed.error));
      setErrors(found);
      setOutcome({ kind: "invalid", count: Object.keys(found).length });
      return;
    }
    setErrors({});
    const result = await submit(url, method, parsed.data);
    if (!result.ok) setErrors(keyed(fieldErrorsFromDetails(result.details)));
  }

  /** The form element's props: submitting saves against the current version, without the browser's own submit. */
  const formProps = (saveAgainst: (version: number) => unknown) => ({
    ref: formRef,
    className: "staff-form",
    noValidate: true,
    onSubmit: (event: FormEvent) => {
      event.preventDefault();
      void saveAgainst(version);
    },
  });

  return { version, outcome, errors, hydrated, submit, save, formProps };
}
