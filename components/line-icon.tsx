import type { ReactNode } from "react";

/**
 * The frame every icon of the app is drawn in: 24-unit line drawings in the current text colour.
 * Decorative unless given a label.
 */
export function LineIcon({
  size = 22,
  strokeWidth = 1.8,
  label,
  className,
  children,
}: {
  size?: number;
  strokeWidth?: number;
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
      className={className}
    >
      {children}
    </svg>
  );
}
