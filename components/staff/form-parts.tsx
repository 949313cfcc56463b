"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";
import type { SaveOutcome } from "@/components/staff/use-station-save";
import type { FieldErrors } from "@/lib/validations/field-errors";

/**
 * What a field needs to name its problem to assistive technology: the message's id in
 * aria-describedby and aria-invalid, only while there is a problem.
 */
export function fieldAria(errors: FieldErrors, key: string, id: string) {
  return errors[key] ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

const noSubscription = () => () => {};

/**
 * False until React has taken over the page. Save buttons stay disabled until then: a form submitted
 * before hydration would be sent by the browser itself, reloading the page and losing what was typed.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Moves focus to the first field with a problem once the problems are shown: on a phone the field may
 * be a long way above the save button that found it.
 */
export function useFocusFirstInvalid(errors: FieldErrors) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(errors).length) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return form;
}

export function FieldError({ errors, field, id }: { errors: FieldErrors; field: string; id: string }) {
  if (!errors[field]) return null;
  return (
    <p id={`${id}-error`} className="staff-field-error">
      {errors[field]}
    </p>
  );
}

/** A form's save button (disabled until hydrated and while saving), any other actions, and how it went. */
export function SaveBar({ label, hydrated, outcome, children }: { label: string; hydrated: boolean; outcome: SaveOutcome<unknown>; children?: ReactNode }) {
  const t = useTranslations("staff.form");
  return (
    <>
      <div className="staff-actions">
        <button type="submit" className="button primary" disabled={!hydrated || outcome.kind === "saving"}>
          {outcome.kind === "saving" ? t("saving") : label}
        </button>
        {children}
      </div>
      <SaveStatus outcome={outcome} />
    </>
  );
}

/** The line under a form's buttons: saved, what went wrong, or how many fields need fixing. */
function SaveStatus({ outcome }: { outcome: SaveOutcome<unknown> }) {
  const t = useTranslations("staff.form");
  return (
    <div role="status" className={`staff-outcome${outcome.kind === "invalid" || outcome.kind === "error" ? " is-error" : ""}`}>
      {outcome.kind === "done" && t(outcome.message)}
      {outcome.kind === "invalid" && t("invalid", { count: outcome.count })}
      {outcome.kind === "error" && t("error", { message: outcome.message })}
    </div>
  );
}

/** A stale save: what the station says now, and the choice to reload it or save one's own change over it. */
export function ConflictNotice({ children, onReapply }: { children: ReactNode; onReapply: () => void }) {
  const t = useTranslations("staff.form");
  return (
    <div role="alert" className="staff-conflict" data-testid="conflict">
      <strong>{t("conflictTitle")}</strong>
      {children}
      <p>{t("conflictUnsaved")}</p>
      <div className="staff-actions">
        <button type="button" className="button secondary" onClick={() => window.location.reload()}>
          {t("reload")}
        </button>
        <button type="button" className="button primary" onClick={onReapply}>
          {t("reapply")}
        </button>
      </div>
    </div>
  );
}
