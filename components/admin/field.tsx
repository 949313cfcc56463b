import type { ReactElement, ReactNode } from "react";
import { cloneElement } from "react";

/**
 * A labelled input with its hint and its error beside it: the input is marked invalid and described
 * by both, so a screen reader says what is wrong when the field is focused.
 */
export function Field({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactElement<Record<string, unknown>> }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="admin-field-error">
          {error}
        </small>
      )}
    </div>
  );
}
