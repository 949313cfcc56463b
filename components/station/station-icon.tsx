import type { ReactNode } from "react";
import { LineIcon } from "@/components/line-icon";

/** Line icons for the station page, drawn as SVG (no emoji font on many phones). Always decorative. */
const paths = {
  phone: <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />,
  pin: <path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21zM12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5" />,
  navigate: <path d="M3 11 21 3l-8 18-2-8z" />,
  compass: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM15.5 8.5l-2 5-5 2 2-5z" />,
  phoneApp: <path d="M7 2h10a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zM11 18h2M12 7.5a2 2 0 1 0 0 .01M12 6c-2.2 0-3.5 1.5-3.5 3.3 0 2.2 3.5 5.2 3.5 5.2s3.5-3 3.5-5.2C15.5 7.5 14.2 6 12 6" />,
  share: <path d="M18 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 22a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8.6 13.5l6.8 4M15.4 6.5l-6.8 4" />,
  copy: <path d="M9 9h11v11H9zM5 15H4V4h11v1" />,
  check: <path d="m4 12 5 5L20 6" />,
  warning: <path d="M12 3 2 20h20zM12 10v4M12 17h.01" />,
  print: <path d="M7 9V3h10v6M7 18H4v-7a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v7h-3M7 14h10v7H7z" />,
  flag: <path d="M5 21V4M5 4h11l-2 4 2 4H5" />,
} satisfies Record<string, ReactNode>;

export type StationIconName = keyof typeof paths;

export function StationIcon({ name, size }: { name: StationIconName; size?: number }) {
  return (
    <LineIcon size={size} strokeWidth={1.9} className="station-icon">
      {paths[name]}
    </LineIcon>
  );
}
