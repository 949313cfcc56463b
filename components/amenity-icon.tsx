import type { ReactNode } from "react";
import { LineIcon } from "@/components/line-icon";

/**
 * Line icons drawn as SVG: these machines (and many cheap phones) lack an emoji font, so emoji would
 * render as empty boxes. Amenity keys match `amenity_types.icon`; the rest serve the finder's controls.
 * Unknown keys fall back to a dot.
 */
const paths: Record<string, ReactNode> = {
  seat: <path d="M6 11V6a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v5M4 11h16v4H4zM6 15v5M18 15v5" />,
  cup: <path d="M6 4h12l-1.5 15a2 2 0 0 1-2 1.8h-5a2 2 0 0 1-2-1.8zM6.5 9h11" />,
  plug: <path d="M9 3v5M15 3v5M7 8h10v4a5 5 0 0 1-10 0zM12 17v4" />,
  wifi: <path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01" />,
  kettle: <path d="M5 10h11v8a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2zM16 12h2a2 2 0 0 1 0 4h-2M8 3c0 2 2 2 2 4M12 3c0 2 2 2 2 4" />,
  toilet: <path d="M7 3h4v7H7zM5 10h12a6 6 0 0 1-6 6h-1l1 5H7l1-5" />,
  umbrella: <path d="M3 12a9 9 0 0 1 18 0zM12 12v7a2 2 0 0 1-4 0M12 3v0" />,
  first_aid: <path d="M4 7h16v12H4zM9 7V4h6v3M12 10v6M9 13h6" />,
  needle: <path d="M19 5 6 18M16 4a2 2 0 1 1 4 4M4 20l2-2M9 7c-3 1-4 4-2 6" />,
  glasses: <path d="M3 14a3 3 0 1 0 6 0 3 3 0 1 0-6 0M15 14a3 3 0 1 0 6 0 3 3 0 1 0-6 0M9 14h6M3 14 5 6M21 14l-2-8" />,
  wheelchair: <path d="M11 4a1.5 1.5 0 1 0 0 .01M10 7v6h6l2 5M10 10h5M14 19a5 5 0 1 1-7-6" />,
  pencil: <path d="M4 20l4-1L19 8l-3-3L5 16zM14 7l3 3" />,
  book: <path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h7" />,
  desk: <path d="M3 10h18M5 10v10M19 10v10M7 10V5h6v5M15 14h4" />,
  shield: <path d="M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6zM9 12l2 2 4-4" />,
  basket: <path d="M3 10h18l-2 10H5zM7 10l4-6M17 10l-4-6M9 14v3M15 14v3" />,
  star: <path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z" />,
  house: <path d="M3 11 12 4l9 7M5 10v10h14V10M10 20v-5h4v5" />,
  clock: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M12 7v5l3 2" />,
  locate: <path d="M12 2v3M12 19v3M2 12h3M19 12h3M12 7a5 5 0 1 0 0 10 5 5 0 1 0 0-10M12 11a1 1 0 1 0 0 2 1 1 0 1 0 0-2" />,
  search: <path d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 1 0 0-13M15.5 15.5 20 20" />,
  walk: <path d="M13 4a1.5 1.5 0 1 0 0 .01M10 21l2-6 2 2v4M8 12l2-4h3l2 3 2 1M10 8l-2 5" />,
  alert: <path d="M12 3 2 20h20zM12 10v4M12 17h.01" />,
};

export function AmenityIcon({ icon, size, label }: { icon: string; size?: number; label?: string }) {
  return (
    <LineIcon size={size} label={label}>
      {paths[icon] ?? <circle cx="12" cy="12" r="3" />}
    </LineIcon>
  );
}
