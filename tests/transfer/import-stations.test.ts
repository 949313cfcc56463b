import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor, RoleGrant } from "@/lib/server/actor";
import { prepareStationImport } from "@/lib/server/transfer/apply-station-import";
import { exportStations } from "@/lib/server/transfer/export-stations";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { previewStationImport } from "@/lib/server/transfer/preview-station-import";
import { stationIdFromCode } from "@/lib/station-id";
import { stationRecordToCells, type StationCells, type TransferContext } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";
import { writeCsv } from "@/lib/transfer/write-table";
import { headerText, stationColumns } from "@/lib/transfer/station-columns";
import { stationRecordSchema } from "@/lib/validations/station-import";
import { gbkEncode } from "@/tests/support/gbk-encode";
import { createStations, everyDay9to17 } from "../../e2e/support/station-fixtures";

const run = randomUUID().slice(0, 8);
const code = (n: number | string) => `T-IMP-${run}-${n}`;
let context: TransferContext;
let fixture: Awaited<ReturnType<typeof createStations>>;
let existingCells: StationCells;
let dalianFixture: Awaited<ReturnType<typeof createStations>>;

function user(label: string, ...roles: RoleGrant[]): Actor {
  return { kind: "user", userId: `test-${label}`, label: `user:${label}`, roles };
}
const admin = user("import-admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
const shenyangManager = user("import-shenyang", { role: "CITY_MANAGER", cityAdcode: 210100, stationId: null });

/** A new station's cells, valid unless changed. */
function newCells(n: number | string, change: StationCells = {}): StationCells {
  const record = stationRecordSchema.parse({
    code: code(n),
    name: `工行导入测试驿站${n}`,
    address: "辽宁省沈阳市和平区导入测试路1号",
    cityAdcode: 210100,
    districtAdcode: 210102,
    lat: 41.79,
    lng: 123.4,
    phone: "024-12345678",
    openingHours: { weekly: everyDay9to17, exceptions: [] },
    amenities: [{ code: "rest" }, { code: "drinking_water" }, { code: "toilet", availability: "limited" }],
  });
  return { ...stationRecordToCells(record, context), ...change };
}

const csv = (rows: StationCells[]) => stationTableFile("csv", rows, context);

async function auditCount(): Promise<number> {
  return getDb().auditEvent.count();
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  context = await loadTransferContext();
  fixture = await createStations([
    {
      code: code("existing"),
      name: "工行导入测试已有驿站",
      notice: "旧公告",
      openingHours: { weekly: everyDay9to17, exceptions: [{ kind: "holiday", startsOn: "2027-01-01", endsOn: "2027-01-03", closed: true }] },
      amenities: [
        { code: "rest" },
        { code: "newspapers_books", availability: "limited", note: "仅提供当日报纸", checkedAt: "2026-11-01T15:48:00+08:00" },
        { code: "toilet" },
      ],
    },
  ]);
  dalianFixture = await createStations([{ code: code("dalian"), name: "工行导入测试大连驿站", cityAdcode: 210200, districtAdcode: 210202, address: "辽宁省大连市中山区测试路1号", lat: 38.92, lng: 121.64 }]);
  const [stored] = await getDb().station.findMany({ where: { id: fixture.ids[0] }, include: { openingPeriods: true, amenities: true } });
  existingCells = { ...newCells(0), code: stored.code, name: stored.name, address: stored.address, lat: String(stored.lat), lng: String(stored.lng), notice: "旧公告", phone: "", verified_at: "" };
  existingCells.hours = "周一至周日 09:00-17:00";
  for (const type of context.amenityTypes) existingCells[type.code] = "";
  Object.assign(existingCells, { rest: "有", newspapers_books: "有限", toilet: "有" });
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { code: { startsWith: `T-IMP-${run}` } } });
  await fixture.remove();
  await dalianFixture.remove();
});

describe("import: a good file", () => {
  it("the dry run says what applying then does, exactly; the writes are audited; the same file again changes nothing", async () => {
    const changed = { ...existingCells, notice: "冬季提供热姜茶", hours: "周一至周五 08:30-17:30", toilet: "", wifi: "有" };
    const file = await csv([newCells(1), newCells(2, { name_en: "ICBC Import Test 2", status: "暂停" }), changed]);
    const auditBefore = await auditCount();

    const plan = await previewStationImport(admin, file);
    expect(plan.rejected).toEqual([]);
    expect(plan.create.map((c) => [c.row, c.code, c.city, c.district])).toEqual([
      [2, code(1), "沈阳市", "和平区"],
      [3, code(2), "沈阳市", "和平区"],
    ]);
    expect(plan.update).toEqual([
      {
        row: 4,
        code: existingCells.code,
        name: "工行导入测试已有驿站",
        changes: {
          notice: { before: "旧公告", after: "冬季提供热姜茶" },
          hours: { before: "周一至周日 09:00-17:00", after: "周一至周五 08:30-17:30" },
          wifi: { before: "", after: "有" },
          toilet: { before: "有", after: "" },
        },
      },
    ]);
    expect(await auditCount()).toBe(auditBefore);

    const job = await prepareStationImport(admin, file, plan.digest);
    const progress: number[] = [];
    expect(await job.run((p) => progress.push(p.done))).toEqual({ created: 2, updated: 1, unchanged: 0 });
    expect(progress.at(-1)).toBe(3);

    const created = await getDb().station.findUniqueOrThrow({ where: { code: code(2) }, include: { amenities: true, openingPeriods: true } });
    expect(created).toMatchObject({ id: stationIdFromCode(code(2)), nameEn: "ICBC Import Test 2", status: "TEMPORARILY_CLOSED", source: "IMPORT", version: 1 });
    expect(created.openingPeriods).toHaveLength(7);
    expect(created.amenities.map((a) => [a.amenityCode, a.availability]).sort()).toEqual([["drinking_water", "AVAILABLE"], ["rest", "AVAILABLE"], ["toilet", "LIMITED"]]);

    const updated = await getDb().station.findUniqueOrThrow({ where: { id: fixture.ids[0] }, include: { amenities: true, openingPeriods: true, exceptions: true } });
    expect(updated).toMatchObject({ notice: "冬季提供热姜茶", version: 2, source: "IMPORT" });
    expect(updated.openingPeriods.map((p) => p.weekday).sort()).toEqual([1, 2, 3, 4, 5]);
    // What the table does not carry stays: the holiday, and the note of an amenity whose availability did not change.
    expect(updated.exceptions).toHaveLength(1);
    expect(updated.amenities.find((a) => a.amenityCode === "newspapers_books")).toMatchObject({ note: "仅提供当日报纸", availability: "LIMITED" });
    expect(updated.amenities.map((a) => a.amenityCode).sort()).toEqual(["newspapers_books", "rest", "wifi"]);

    const audit = await getDb().auditEvent.findMany({ where: { id: { gt: BigInt(0) }, actorLabel: "user:import-admin" }, orderBy: { id: "desc" }, take: 3 });
    expect(await auditCount()).toBe(auditBefore + 3);
    const updateAudit = audit.find((a) => a.action === "UPDATE")!;
    expect(updateAudit).toMatchObject({ entity: "station", stationId: fixture.ids[0], cityAdcode: 210100, actorUserId: "test-import-admin" });
    expect(updateAudit.before).toMatchObject({ version: 1, notice: "旧公告", toilet: "有" });
    expect(updateAudit.after).toMatchObject({ version: 2, notice: "冬季提供热姜茶", toilet: "" });
    expect(audit.filter((a) => a.action === "CREATE").map((a) => a.stationId).sort()).toEqual([stationIdFromCode(code(1)), stationIdFromCode(code(2))].sort());

    const again = await previewStationImport(admin, file);
    expect([again.create.length, again.update.length, again.unchanged, again.rejected.length]).toEqual([0, 0, 3, 0]);
    expect(await (await prepareStationImport(admin, file)).run()).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await auditCount()).toBe(auditBefore + 3);
  });

  it("a failure part-way through the transaction leaves nothing behind", async () => {
    // More than one write batch, and the progress callback fails after the first: everything rolls back.
    const file = await csv(Array.from({ length: 650 }, (_, i) => newCells(`bulk-${i}`)));
    const auditBefore = await auditCount();
    const job = await prepareStationImport(admin, file);
    const failure = job.run((p) => {
      if (p.done > 0) throw new Error("connection lost");
    });
    await expect(failure).rejects.toThrow("connection lost");
    expect(await getDb().station.count({ where: { code: { startsWith: code("bulk-") } } })).toBe(0);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("an apply naming a dry run whose data has changed since is refused, and writes nothing", async () => {
    const file = await csv([{ ...newCells(3) }]);
    const plan = await previewStationImport(admin, file);
    await getDb().station.deleteMany({ where: { code: code(3) } });
    const staleDigest = plan.digest.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    expect((await refusal(prepareStationImport(admin, file, staleDigest))).code).toBe("conflict");
    expect(await getDb().station.count({ where: { code: code(3) } })).toBe(0);
  });
});

describe("import: bad rows", () => {
  it("rejects each bad row with its reason, and applying the file writes nothing at all", async () => {
    const bad: [StationCells, string][] = [
      [{ code: "X".repeat(41) }, "编码：最多 40 个字"],
      [{ name: "" }, "名称：不能为空"],
      [{ lat: "44.2" }, "纬度（WGS-84）：44.2 不在辽宁省范围内"],
      [{ district: "不存在区" }, "区县：沈阳市没有「不存在区」这个区县"],
      [{ district: "中山区" }, "区县：「中山区」属于大连市，不属于沈阳市"],
      [{ phone: "call me" }, "电话：「call me」格式不正确"],
      [{ status: "营业中" }, "状态：不认识「营业中」"],
      [{ hours: "周一至周五 9点到5点" }, "开放时间："],
      [{ wifi: "满格" }, "免费无线网络：不认识「满格」"],
      [{ code: code("dup") }, "出现了多次（第 12、13 行）"],
      [{ code: code("dup") }, "出现了多次（第 12、13 行）"],
      [{ city: "大连市", district: "中山区", address: "辽宁省大连市中山区测试路2号", lat: "38.92", lng: "121.64" }, "城市：大连市的驿站不在您的管理范围内（您可以导入沈阳市的驿站）"],
      [{ code: code("dalian"), name: "改到沈阳" }, "城市：大连市的驿站不在您的管理范围内"],
    ];
    const rows = [newCells(10), ...bad.map(([change], i) => newCells(100 + i, change))];
    const file = await csv(rows);
    const auditBefore = await auditCount();

    const plan = await previewStationImport(shenyangManager, file);
    expect(plan.create.map((c) => c.row)).toEqual([2]);
    expect(plan.rejected.map((r) => r.row)).toEqual(bad.map((_, i) => i + 3));
    plan.rejected.forEach((r, i) => expect(r.reasons.join(" | "), `row ${r.row}`).toContain(bad[i][1]));

    const refused = await refusal(prepareStationImport(shenyangManager, file));
    expect(refused.code).toBe("unprocessable");
    expect(refused.message).toContain(`${bad.length} 行有错误`);
    expect(await getDb().station.count({ where: { code: { in: rows.map((r) => r.code) } } })).toBe(1); // the Dalian fixture, untouched
    expect(await getDb().station.findUniqueOrThrow({ where: { code: code("dalian") } })).toMatchObject({ name: "工行导入测试大连驿站", version: 1 });
    expect(await auditCount()).toBe(auditBefore);
  });

  it("refuses a file whose header is wrong as a whole, and users who may not import", async () => {
    const header = stationColumns(context.amenityTypes).map(headerText).filter((h) => !h.endsWith(" lat"));
    expect((await refusal(previewStationImport(admin, writeCsv(header, [])))).message).toContain("缺少列：纬度（WGS-84） lat");
    const staff = user("import-staff", { role: "BRANCH_STAFF", cityAdcode: null, stationId: fixture.ids[0] });
    const file = await csv([newCells(20)]);
    expect((await refusal(previewStationImport(staff, file))).code).toBe("forbidden");
    expect((await refusal(previewStationImport({ kind: "anonymous" }, file))).code).toBe("unauthenticated");
  });
});

describe("import: encodings", () => {
  it("reads a GBK-encoded CSV (Excel's default in China) with its Chinese intact", async () => {
    const text = new TextDecoder().decode(await csv([newCells(30, { name: "工行沈阳测试支行（GBK）", notice: "暂停热水供应" })])).replace(/^\uFEFF/, "");
    const plan = await previewStationImport(admin, gbkEncode(text));
    expect(plan.file.encoding).toBe("gb18030");
    expect(plan.rejected).toEqual([]);
    expect(plan.create).toEqual([{ row: 2, code: code(30), name: "工行沈阳测试支行（GBK）", city: "沈阳市", district: "和平区" }]);
  });

  it("refuses a file that is neither UTF-8 nor GBK with a message saying how to save it", async () => {
    const error = await refusal(previewStationImport(admin, Uint8Array.from([0x61, 0x2c, 0xff, 0x0a])));
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("CSV UTF-8");
  });
});

describe("import: an export re-imports unchanged", () => {
  it.each(["csv", "xlsx"] as const)("every station of a %s export is unchanged, and applying it writes nothing", async (format) => {
    const file = await exportStations(admin, format);
    const total = await getDb().station.count();
    const plan = await previewStationImport(admin, file);
    expect(plan.rejected).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.unchanged).toBe(total);
    const auditBefore = await auditCount();
    const versions = await getDb().station.aggregate({ _sum: { version: true } });
    expect(await (await prepareStationImport(admin, file)).run()).toEqual({ created: 0, updated: 0, unchanged: total });
    expect(await auditCount()).toBe(auditBefore);
    expect(await getDb().station.aggregate({ _sum: { version: true } })).toEqual(versions);
  });
});
