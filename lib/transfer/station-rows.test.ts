import { beforeAll, describe, expect, it } from "vitest";
import { readSampleDatasetFile } from "@/lib/seed/reference-data";
import { readTable, type Table } from "@/lib/transfer/read-table";
import { headerText, matchHeader, stationColumns } from "@/lib/transfer/station-columns";
import { stationRecordToCells, tableToStationRows, type StationCells, type TransferContext } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";
import { fileTransferContext } from "@/lib/transfer/file-transfer-context";
import { stationDatasetSchema, type StationRecord } from "@/lib/validations/station-import";

let context: TransferContext;
let sample: StationRecord[];

beforeAll(async () => {
  context = await fileTransferContext();
  sample = stationDatasetSchema.parse(await readSampleDatasetFile()).stations;
});

function tableOf(rows: StationCells[]): Table {
  const columns = stationColumns(context.amenityTypes);
  return { format: "csv", encoding: "utf-8", header: columns.map(headerText), rows: rows.map((cells, i) => ({ row: i + 2, cells: columns.map((c) => cells[c.key] ?? "") })) };
}

describe("matchHeader", () => {
  it("reads '中文名 key', the Chinese name alone and the key alone, in any order", () => {
    const columns = stationColumns(context.amenityTypes);
    const cells = columns.map((c, i) => (i % 3 === 0 ? headerText(c) : i % 3 === 1 ? c.label : c.key)).reverse();
    const result = matchHeader(cells, columns);
    expect(result).toEqual({ ok: true, keys: columns.map((c) => c.key).reverse() });
  });

  it("names unknown, repeated and missing columns", () => {
    const columns = stationColumns(context.amenityTypes);
    const cells = [...columns.map(headerText).filter((h) => !h.endsWith(" lat")), "备注 remark", "名称"];
    const result = matchHeader(cells, columns);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reasons).toEqual(["不认识的列「备注 remark」", "列「名称 name」出现了两次", "缺少列：纬度（WGS-84） lat（请使用最新的导入模板）"]);
  });
});

describe("tableToStationRows", () => {
  it("maps every sample station to cells and back to the same cells", () => {
    const cells = sample.map((r) => stationRecordToCells(r, context));
    const { rows } = tableToStationRows(tableOf(cells), context);
    expect(rows.filter((r) => r.reasons)).toEqual([]);
    expect(rows.map((r) => stationRecordToCells(r.record!, context))).toEqual(cells);
  });

  it("round-trips the sample through a CSV file and an XLSX file", async () => {
    const cells = sample.map((r) => stationRecordToCells(r, context));
    for (const format of ["csv", "xlsx"] as const) {
      const table = await readTable(await stationTableFile(format, cells, context));
      expect(table.format).toBe(format);
      const { rows } = tableToStationRows(table, context);
      expect(rows.map((r) => r.reasons ?? stationRecordToCells(r.record!, context))).toEqual(cells);
      expect(rows[0].row).toBe(2);
    }
  });

  it("accepts adcodes, short city names, English status and amenity words", () => {
    const cells = { ...stationRecordToCells(sample[0], context), city: "沈阳", district: "210102", status: "temporarily_closed", toilet: "limited", wifi: "available" };
    const [row] = tableToStationRows(tableOf([cells]), context).rows;
    expect(row.record).toMatchObject({ cityAdcode: 210100, districtAdcode: 210102, status: "temporarily_closed" });
    expect(row.record!.amenities).toContainEqual({ code: "toilet", availability: "limited" });
  });

  it("reads a Beijing time and leaves a blank one undefined (keep what the station has)", () => {
    const base = stationRecordToCells(sample[0], context);
    const { rows } = tableToStationRows(tableOf([{ ...base, verified_at: "2026/11/2 9:05" }, { ...base, code: "X2", verified_at: "" }]), context);
    expect(rows[0].record!.verifiedAt).toBe("2026-11-02T01:05:00.000Z");
    expect(rows[1].record!.verifiedAt).toBeUndefined();
  });

  it("gives every bad row its reasons, in Chinese, naming the column", () => {
    const good = stationRecordToCells(sample[0], context);
    const bad: [Partial<StationCells>, string][] = [
      [{ code: "" }, "编码：不能为空"],
      [{ code: "X".repeat(41) }, "编码：最多 40 个字"],
      [{ name: "" }, "名称：不能为空"],
      [{ lat: "45.1" }, "纬度（WGS-84）：45.1 不在辽宁省范围内（38–43.6）"],
      [{ lng: "东经123度" }, "经度（WGS-84）：「东经123度」不是数字"],
      [{ city: "北京市" }, "城市：不认识「北京市」"],
      [{ district: "朝阳区" }, "区县：沈阳市没有「朝阳区」这个区县"],
      [{ district: "210302" }, "区县：「210302」属于鞍山市，不属于沈阳市"],
      [{ district: "铁西" , city: "大连市" }, "区县：「铁西」属于沈阳市、鞍山市，不属于大连市"],
      [{ phone: "电话024" }, "电话：「电话024」格式不正确"],
      [{ status: "营业" }, "状态：不认识「营业」"],
      [{ hours: "周一到周五 9-5" }, "开放时间：「周一到周五 9-5」缺少时间"],
      [{ toilet: "有的" }, "卫生间：不认识「有的」"],
      [{ verified_at: "昨天" }, "核实时间：「昨天」不是有效的时间"],
    ];
    const { rows } = tableToStationRows(tableOf(bad.map(([change], i) => ({ ...good, code: `BAD${i}`, ...change }))), context);
    rows.forEach((row, i) => {
      expect(row.record, bad[i][1]).toBeUndefined();
      expect(row.reasons!.join(" | ")).toContain(bad[i][1]);
    });
  });

  it("rejects every row of a code that appears more than once", () => {
    const good = stationRecordToCells(sample[0], context);
    const { rows } = tableToStationRows(tableOf([good, stationRecordToCells(sample[1], context), good]), context);
    expect(rows.map((r) => r.reasons?.[0] ?? "ok")).toEqual([expect.stringContaining("出现了多次（第 2、4 行）"), "ok", expect.stringContaining("出现了多次")]);
  });
});
