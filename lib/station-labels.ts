import { shanghaiLocalTime, type StationStatus } from "@/lib/opening-hours";

export const WEEKDAY_LABELS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"] as const;

export type OpenStateTone = "open" | "shut" | "paused" | "unknown";

/** One label for a station's state now: operating status first, then today's hours. */
export function openStateLabel(status: StationStatus, openNow: boolean | null): { text: string; tone: OpenStateTone } {
  if (status === "closed") return { text: "已停止服务", tone: "shut" };
  if (status === "temporarily_closed") return { text: "暂停服务", tone: "paused" };
  if (openNow === null) return { text: "营业时间未知", tone: "unknown" };
  return openNow ? { text: "营业中", tone: "open" } : { text: "未营业", tone: "shut" };
}

export const EXCEPTION_KIND_LABELS = {
  holiday: "节假日",
  temporary_closure: "临时闭站",
  special_hours: "特殊时间",
} as const;

export const AVAILABILITY_LABELS = {
  available: "提供",
  limited: "有限",
  unavailable: "暂无",
} as const;

/** "2026-11-27" as 2026年11月27日. */
export function formatDateZh(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant as its Asia/Shanghai calendar date, whatever the server's zone. */
export function formatInstantDateZh(isoInstant: string): string {
  return formatDateZh(shanghaiLocalTime(new Date(isoInstant)).date);
}
