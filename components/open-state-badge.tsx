import { openStateLabel } from "@/lib/station-labels";
import type { StationStatus } from "@/lib/opening-hours";

export function OpenStateBadge({ status, openNow }: { status: StationStatus; openNow: boolean | null }) {
  const { text, tone } = openStateLabel(status, openNow);
  return (
    <span className={`badge badge-${tone}`} data-testid="open-state">
      {text}
    </span>
  );
}
