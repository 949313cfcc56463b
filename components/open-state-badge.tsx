import { useTranslations } from "next-intl";
import type { OpenStateKey } from "@/lib/opening-hours";

const tones: Record<OpenStateKey, string> = {
  open: "open",
  closingSoon: "soon",
  shut: "shut",
  paused: "paused",
  closedForGood: "shut",
  unknown: "unknown",
};

export function OpenStateBadge({ state }: { state: { key: OpenStateKey; closesAt?: string } }) {
  const t = useTranslations("common.openState");
  return (
    <span className={`badge badge-${tones[state.key]}`} data-testid="open-state" data-state={state.key}>
      {state.key === "closingSoon" && state.closesAt ? t("closingSoonAt", { time: state.closesAt }) : t(state.key)}
    </span>
  );
}
