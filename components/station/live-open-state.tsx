"use client";

import { useNow } from "@/components/finder/use-now";
import { OpenStateBadge } from "@/components/open-state-badge";
import { openStateAt, shanghaiLocalTime, type OpeningHours, type OpenStateKey, type StationStatus } from "@/lib/opening-hours";

/**
 * The server renders the state at request time; on the phone it is recomputed at the phone's moment,
 * so a page the service worker saved last week does not keep saying "open".
 */
export function LiveOpenStateBadge({
  status,
  openingHours,
  initial,
}: {
  status: StationStatus;
  openingHours: OpeningHours;
  initial: { key: OpenStateKey; closesAt?: string };
}) {
  const now = useNow();
  return <OpenStateBadge state={now ? openStateAt(status, openingHours, shanghaiLocalTime(now)) : initial} />;
}

/** Weekly hours with the phone's today marked (the server's today until the page is live). */
export function WeeklyHoursTable({ rows, todaySuffix, initialToday }: { rows: { day: number; label: string; hours: string }[]; todaySuffix: string; initialToday: number }) {
  const now = useNow();
  const today = now ? shanghaiLocalTime(now).weekday : initialToday;
  return (
    <table className="station-hours">
      <tbody>
        {rows.map(({ day, label, hours }) => {
          const isToday = day === today;
          return (
            <tr key={day} className={isToday ? "is-today" : undefined} aria-current={isToday ? "date" : undefined}>
              <th scope="row">
                {label}
                {isToday ? todaySuffix : ""}
              </th>
              <td>{hours}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
