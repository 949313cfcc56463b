import { changedFields } from "@/lib/audit-diff";
import messages from "@/messages/zh-CN/audit.json";

type CsvEvent = {
  occurredAt: string;
  actorLabel: string;
  entity: string;
  action: string;
  stationId: string | null;
  stationName: string | null;
  cityName: string | null;
  before: unknown;
  after: unknown;
};

const shanghaiTime = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });

/**
 * A cell quoted for CSV. Text people typed (a notice, a note) that starts like a formula is prefixed with
 * an apostrophe, so a spreadsheet shows it instead of running it.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const json = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/** The header row of the export; times are Asia/Shanghai. */
export const auditCsvHeader = ["时间（北京时间）", "操作人", "内容", "操作", "驿站", "驿站编号", "城市", "修改的字段", "修改前", "修改后"].map(cell).join(",") + "\r\n";

/** Events as CSV rows (CRLF, RFC 4180); before and after hold only the changed fields, as JSON. */
export function auditCsvRows(events: CsvEvent[]): string {
  return events
    .map((event) => {
      const changes = changedFields(event.before, event.after);
      const entities: Record<string, string> = messages.entities;
      const actions: Record<string, string> = messages.actions;
      return [
        shanghaiTime.format(new Date(event.occurredAt)),
        event.actorLabel,
        entities[event.entity] ?? event.entity,
        actions[event.action] ?? event.action,
        event.stationName ?? "",
        event.stationId ?? "",
        event.cityName ?? "",
        changes.map((c) => c.field).join("、"),
        json(Object.fromEntries(changes.map((c) => [c.field, c.before]))),
        json(Object.fromEntries(changes.map((c) => [c.field, c.after]))),
      ]
        .map(cell)
        .join(",");
    })
    .map((row) => `${row}\r\n`)
    .join("");
}
