"use client";

/** The browser's print dialog, where "save as PDF" is one of the printers. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
