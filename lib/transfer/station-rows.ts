import { AppError } from "@/lib/errors";
import type { Table } from "@/lib/transfer/read-table";
import { matchHeader, stationColumns, type AmenityColumnType, type StationColumn } from "@/lib/transfer/station-columns";
import { formatWeeklyHours, parseWeeklyHours } from "@/lib/transfer/weekly-hours-text";
import { stationRecordSchema, type StationRecord, type StationRecordInput } from "@/lib/validations/station-import";
import type * as z from "zod";

/** What a row's names and codes are checked against: the reference tables, passed in so this stays pure. */
export type TransferContext = {
  cities: { adcode: number; name: string }[];
  districts: { adcode: number; cityAdcode: number; name: string }[];
  amenityTypes: AmenityColumnType[];
};

/** A row either became a valid record or has the reasons it did not, in Chinese, naming the column. */
export type StationRow = { row: number; code: string | null } & ({ record: StationRecord; reasons?: undefined } | { record?: undefined; reasons: string[] });

/** Cells keyed by column key, as the table shows them: what export writes and what a diff compares. */
export type StationCells = Record<string, string>;

const STATUS_LABELS = { open: "开放", temporarily_closed: "暂停", closed: "关闭" } as const;
const AVAILABILITY_LABELS = { available: "有", limited: "有限", unavailable: "无" } as const;

const statusByText = new Map<string, StationRecord["status"]>(
  Object.entries(STATUS_LABELS).flatMap(([status, label]) => [
    [status, status as StationRecord["status"]],
    [label, status as StationRecord["status"]],
  ]),
);
const availabilityByText = new Map<string, StationRecord["amenities"][number]["availability"]>(
  Object.entries(AVAILABILITY_LABELS).flatMap(([value, label]) => [
    [value, value as keyof typeof AVAILABILITY_LABELS],
    [label, value as keyof typeof AVAILABILITY_LABELS],
  ]),
);

/** The record field each column fills, to name the column when the record schema refuses a value. */
const columnOfField: Record<string, string> = {
  code: "code",
  name: "name",
  nameEn: "name_en",
  address: "address",
  cityAdcode: "city",
  districtAdcode: "district",
  lat: "lat",
  lng: "lng",
  phone: "phone",
  status: "status",
  notice: "notice",
  verifiedAt: "verified_at",
  openingHours: "hours",
};

/**
 * Every data row of a table mapped into a station record and validated with the one record schema
 * (stationRecordSchema). Columns the table does not carry (story, dated exceptions, amenity notes) are
 * left for the caller: an import keeps what the database has for them.
 */
export function tableToStationRows(table: Table, context: TransferContext): { columns: StationColumn[]; rows: StationRow[] } {
  const columns = stationColumns(context.amenityTypes);
  const header = matchHeader(table.header, columns);
  if (!header.ok) {
    throw new AppError("validation_failed", `表头有问题：${header.reasons.join("；")}`, header.reasons.map((message) => ({ path: "header", message })));
  }
  const labels = new Map(columns.map((c) => [c.key, c.label]));
  const rows = table.rows.map((tableRow): StationRow => {
    const cells: StationCells = {};
    header.keys.forEach((key, index) => {
      if (key) cells[key] = tableRow.cells[index] ?? "";
    });
    return cellsToStationRow(tableRow.row, cells, context, labels);
  });
  return { columns, rows: rejectDuplicateCodes(rows) };
}

function cellsToStationRow(row: number, cells: StationCells, context: TransferContext, labels: Map<string, string>): StationRow {
  const reasons: string[] = [];
  const reported = new Set<string>();
  const problem = (column: string, message: string) => {
    reported.add(column);
    reasons.push(`${labels.get(column)}：${message}`);
  };
  const optional = (text: string) => (text === "" ? null : text);

  const cityAdcode = resolveCity(cells.city, context, (m) => problem("city", m));
  const districtAdcode = cityAdcode === undefined ? undefined : resolveDistrict(cells.district, cityAdcode, context, (m) => problem("district", m));
  const status = cells.status === "" ? problem("status", "不能为空") : statusByText.get(cells.status.toLowerCase()) ?? problem("status", `不认识「${cells.status}」，应为 开放、暂停 或 关闭`);
  const hours = parseWeeklyHours(cells.hours);
  if (!hours.ok) problem("hours", hours.reason);
  const amenities: StationRecordInput["amenities"] = [];
  for (const type of context.amenityTypes) {
    const text = cells[type.code];
    if (text === "") continue;
    const availability = availabilityByText.get(text.toLowerCase());
    if (availability) amenities.push({ code: type.code, availability });
    else problem(type.code, `不认识「${text}」，应为 有、有限、无 或留空`);
  }

  const input = {
    code: cells.code,
    name: cells.name,
    nameEn: optional(cells.name_en),
    address: cells.address,
    cityAdcode,
    districtAdcode,
    lat: coordinate(cells.lat, (m) => problem("lat", m)),
    lng: coordinate(cells.lng, (m) => problem("lng", m)),
    phone: optional(cells.phone),
    status,
    notice: optional(cells.notice),
    // Blank means "leave as it is": an import does not un-verify a station.
    verifiedAt: cells.verified_at === "" ? undefined : beijingTime(cells.verified_at) ?? problem("verified_at", `「${cells.verified_at}」不是有效的时间，应写作 2026-11-11 13:20`),
    openingHours: { weekly: hours.ok ? hours.weekly : [], exceptions: [] },
    amenities,
  };
  const parsed = stationRecordSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnOfField[String(issue.path[0])];
      // A value this function already refused is not reported a second time as "expected a number".
      if (column && !reported.has(column)) problem(column, issueMessage(issue, column, cells[column]));
    }
  }
  const code = cells.code === "" ? null : cells.code;
  return parsed.success && reasons.length === 0 ? { row, code, record: parsed.data } : { row, code, reasons };
}

function issueMessage(issue: z.core.$ZodIssue, column: string, value: string | undefined): string {
  if (issue.code === "too_small" && issue.origin === "string") return value === "" ? "不能为空" : `至少 ${issue.minimum} 个字`;
  if (issue.code === "too_big" && issue.origin === "string") return `最多 ${issue.maximum} 个字`;
  if ((column === "lat" || column === "lng") && (issue.code === "too_small" || issue.code === "too_big")) {
    const bounds = stationRecordSchema.shape[column];
    return `${value} 不在辽宁省范围内（${bounds.minValue}–${bounds.maxValue}）`;
  }
  if (column === "phone" && issue.code === "invalid_format") return `「${value}」格式不正确：只能有数字、空格和 + - ( )，5–30 位`;
  return issue.message;
}

function rejectDuplicateCodes(rows: StationRow[]): StationRow[] {
  const rowsByCode = new Map<string, number[]>();
  for (const r of rows) if (r.code) rowsByCode.set(r.code, [...(rowsByCode.get(r.code) ?? []), r.row]);
  return rows.map((r) => {
    const same = r.code ? rowsByCode.get(r.code)! : [];
    if (same.length < 2) return r;
    const reason = `编码：「${r.code}」在文件中出现了多次（第 ${same.join("、")} 行），每个驿站只能有一行`;
    return { row: r.row, code: r.code, reasons: [...(r.reasons ?? []), reason] };
  });
}

function resolveCity(text: string, context: TransferContext, fail: (m: string) => void): number | undefined {
  if (text === "") return void fail("不能为空");
  const city = /^\d{6}$/.test(text)
    ? context.cities.find((c) => c.adcode === Number(text))
    : context.cities.find((c) => c.name === text || c.name === `${text}市`);
  if (!city) return void fail(`不认识「${text}」，应为辽宁省 14 个市之一（名称或 6 位代码）`);
  return city.adcode;
}

function resolveDistrict(text: string, cityAdcode: number, context: TransferContext, fail: (m: string) => void): number | undefined {
  if (text === "") return void fail("不能为空");
  const cityName = (adcode: number) => context.cities.find((c) => c.adcode === adcode)?.name ?? String(adcode);
  const matches = /^\d{6}$/.test(text)
    ? context.districts.filter((d) => d.adcode === Number(text))
    : context.districts.filter((d) => [text, `${text}区`, `${text}县`, `${text}市`].includes(d.name));
  const inCity = matches.find((d) => d.cityAdcode === cityAdcode);
  if (inCity) return inCity.adcode;
  if (matches.length) {
    return void fail(`「${text}」属于${[...new Set(matches.map((d) => cityName(d.cityAdcode)))].join("、")}，不属于${cityName(cityAdcode)}`);
  }
  return void fail(`${cityName(cityAdcode)}没有「${text}」这个区县`);
}

function coordinate(text: string, fail: (m: string) => void): number | undefined {
  if (text === "") return void fail("不能为空");
  const value = Number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) return void fail(`「${text}」不是数字`);
  return value;
}

/** "2026-11-11 13:20", "2026/11/11", or ISO 8601 with an offset; without one it is Beijing time. */
function beijingTime(text: string): string | undefined {
  if (/[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return Number.isNaN(Date.parse(text)) ? undefined : new Date(text).toISOString();
  }
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = "0", minute = "0", second = "0"] = match.slice(1);
  const parts = [year, month, day, hour, minute, second].map(Number);
  const instant = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] - 8, parts[4], parts[5]));
  // Date.UTC rolls 2026-02-30 over into March; a date that does not survive the round trip is not a date.
  const local = new Date(instant.getTime() + 8 * 3600_000);
  const same = local.getUTCFullYear() === parts[0] && local.getUTCMonth() === parts[1] - 1 && local.getUTCDate() === parts[2] && parts[3] < 24 && parts[4] < 60 && parts[5] < 60;
  return same ? instant.toISOString() : undefined;
}

/** A record as the table shows it; the export writes these cells and an import compares them. */
export function stationRecordToCells(record: StationRecord, context: TransferContext): StationCells {
  const cells: StationCells = {
    code: record.code,
    name: record.name,
    name_en: record.nameEn ?? "",
    address: record.address,
    city: context.cities.find((c) => c.adcode === record.cityAdcode)?.name ?? String(record.cityAdcode),
    district: context.districts.find((d) => d.adcode === record.districtAdcode)?.name ?? String(record.districtAdcode),
    lat: String(record.lat),
    lng: String(record.lng),
    phone: record.phone ?? "",
    status: STATUS_LABELS[record.status],
    notice: record.notice ?? "",
    hours: formatWeeklyHours(record.openingHours.weekly),
    verified_at: record.verifiedAt ? formatBeijingTime(record.verifiedAt) : "",
  };
  const offered = new Map(record.amenities.map((a) => [a.code, a.availability]));
  for (const type of context.amenityTypes) {
    const availability = offered.get(type.code);
    cells[type.code] = availability ? AVAILABILITY_LABELS[availability] : "";
  }
  return cells;
}

/** Beijing wall-clock time to the second, the precision the table carries. */
export function formatBeijingTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}
