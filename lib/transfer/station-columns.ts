/**
 * The station table's columns, the same for the template, the export and the import, so an export
 * re-imports unchanged. Each header cell is "中文名 key" (e.g. "纬度（WGS-84） lat"): people read the
 * Chinese, the importer reads the key after the last space, and a header with only the Chinese name or
 * only the key is understood too. One column per amenity type follows the fixed ones, keyed by its code.
 */
export const FIXED_COLUMNS = [
  { key: "code", label: "编码", hint: "网点编码，每个驿站唯一，用来匹配已有驿站，如 LN210102001" },
  { key: "name", label: "名称", hint: "驿站名称，2–60 个字" },
  { key: "name_en", label: "英文名称", hint: "可留空" },
  { key: "address", label: "地址", hint: "4–200 个字" },
  { key: "city", label: "城市", hint: "城市名称（沈阳市 或 沈阳）或行政区划代码（210100）" },
  { key: "district", label: "区县", hint: "所在城市的区县名称（和平区）或代码（210102）" },
  { key: "lat", label: "纬度（WGS-84）", hint: "WGS-84 坐标（GPS 原始坐标，不是高德/腾讯的 GCJ-02，也不是百度的 BD-09），如 41.787244" },
  { key: "lng", label: "经度（WGS-84）", hint: "WGS-84 坐标，如 123.400997" },
  { key: "phone", label: "电话", hint: "数字、空格和 + - ( )，可留空；在 Excel 中请把此列设为文本，以免丢掉开头的 0" },
  { key: "status", label: "状态", hint: "开放、暂停 或 关闭（也可写 open、temporarily_closed、closed）" },
  { key: "notice", label: "公告", hint: "可留空，最多 500 字" },
  {
    key: "hours",
    label: "开放时间",
    hint: "如「周一至周五 08:30-17:30; 周六 09:00-12:00」或「1-5 08:30-17:30; 6 09:00-12:00」；一天多段用逗号：周一至周五 08:30-12:00,13:30-17:30；没写到的日子不开放；留空表示开放时间未知",
  },
  { key: "verified_at", label: "核实时间", hint: "北京时间，如 2026-11-11 13:20；留空表示不改" },
] as const;

export type StationColumn = { key: string; label: string; hint: string; amenity: boolean };
export type AmenityColumnType = { code: string; nameZh: string };

const AMENITY_HINT = "有、有限 或 无（也可写 available、limited、unavailable）；留空表示不提供";

export function stationColumns(amenityTypes: AmenityColumnType[]): StationColumn[] {
  return [
    ...FIXED_COLUMNS.map((c) => ({ ...c, amenity: false })),
    ...amenityTypes.map((t) => ({ key: t.code, label: t.nameZh, hint: AMENITY_HINT, amenity: true })),
  ];
}

export function headerText(column: StationColumn): string {
  return `${column.label} ${column.key}`;
}

/**
 * Which column each header cell names, or the file-level problems: an unknown, repeated or missing
 * column would otherwise put values in the wrong field or silently drop them.
 */
export function matchHeader(cells: string[], columns: StationColumn[]): { ok: true; keys: (string | null)[] } | { ok: false; reasons: string[] } {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const byLabel = new Map(columns.map((c) => [c.label, c]));
  const reasons: string[] = [];
  const seen = new Set<string>();
  const keys = cells.map((raw) => {
    const cell = raw.trim();
    if (cell === "") return null;
    const lastWord = cell.split(/\s+/).at(-1)!;
    const column = byKey.get(lastWord) ?? byLabel.get(cell);
    if (!column) {
      reasons.push(`不认识的列「${cell}」`);
      return null;
    }
    if (seen.has(column.key)) reasons.push(`列「${headerText(column)}」出现了两次`);
    seen.add(column.key);
    return column.key;
  });
  const missing = columns.filter((c) => !seen.has(c.key));
  if (missing.length) reasons.push(`缺少列：${missing.map(headerText).join("、")}（请使用最新的导入模板）`);
  return reasons.length ? { ok: false, reasons } : { ok: true, keys };
}
