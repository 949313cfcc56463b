import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportGet } from "@/app/api/v1/admin/export/[file]/route";
import { GET as importFileGet } from "@/app/api/v1/admin/import/[file]/route";
import { POST as importPost } from "@/app/api/v1/admin/import/route";
import { getDb } from "@/lib/db";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readTable } from "@/lib/transfer/read-table";
import { XLSX_LIMITS } from "@/lib/transfer/xlsx-zip-guard";
import { stationRecordToCells } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";
import type { ImportStreamEvent } from "@/lib/validations/admin-responses";
import { createStations, testStationRecord } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";
import { testUser } from "../support/test-actors";
import { buildZip, repeatedSheet, workbookParts } from "../support/zip-archive";

const system: SystemActor = { kind: "system", label: "system:test-transfer" };
const password = "transfer password 123";
const suffix = randomUUID().slice(0, 8);
const cookies: Record<string, string> = {};
const userIds: string[] = [];
let fixture: Awaited<ReturnType<typeof createStations>>;

type Who = "admin" | "dalianManager" | "staff";

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试导出驿站" }]);
  const people: [Who, Parameters<typeof createUser>[1]["role"]][] = [
    ["admin", { role: "PROVINCE_ADMIN" }],
    ["dalianManager", { role: "CITY_MANAGER", cityAdcode: 210200 }],
    ["staff", { role: "BRANCH_STAFF", stationId: fixture.ids[0] }],
  ];
  for (const [who, role] of people) {
    const username = `tr_${who.toLowerCase()}_${suffix}`;
    const created = await createUser(system, { username, email: `${username}@example.cn`, password, name: who, role });
    userIds.push(created.id);
    cookies[who] = await signInCookie(username, password);
  }
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { code: { startsWith: `T-RT-${suffix}` } } });
  await fixture.remove();
  await getDb().user.deleteMany({ where: { id: { in: userIds } } });
});

function upload(who: Who | null, query: string, body: BodyInit, headers: Record<string, string> = {}) {
  return importPost(
    new Request(`http://localhost/api/v1/admin/import${query}`, {
      method: "POST",
      headers: { origin: "http://localhost", ...(who ? { cookie: cookies[who] } : {}), ...headers },
      body,
    }),
    { params: Promise.resolve({}) },
  );
}

function form(bytes: Uint8Array, name = "stations.csv"): FormData {
  const data = new FormData();
  data.append("file", new File([Buffer.from(bytes)], name));
  return data;
}

async function download(who: Who | null, handler: typeof exportGet, file: string, query = "") {
  return handler(new Request(`http://localhost/x/${file}${query}`, { headers: who ? { cookie: cookies[who] } : {} }), { params: Promise.resolve({ file }) });
}

async function newStationFile(n: number): Promise<Uint8Array> {
  const context = await loadTransferContext();
  const record = testStationRecord({
    code: `T-RT-${suffix}-${n}`,
    name: `工行路由测试驿站${n}`,
    // A test below moves the station out of Liaoning by rewriting this latitude in the file.
    lat: 41.79,
    openingHours: { weekly: [{ day: 1, opens: "09:00", closes: "17:00" }], exceptions: [] },
    amenities: [{ code: "rest" }],
  });
  return stationTableFile("csv", [stationRecordToCells(record, context)], context);
}

describe("POST /api/v1/admin/import", () => {
  it("dry run answers the plan; apply streams progress and a last done event", async () => {
    const file = await newStationFile(1);
    const dry = await upload("admin", "?mode=dry-run", form(file));
    expect(dry.status).toBe(200);
    const plan = await dry.json();
    expect(plan.create).toHaveLength(1);

    const applied = await upload("admin", `?mode=apply&expect=${plan.digest}`, form(file));
    expect(applied.status).toBe(200);
    expect(applied.headers.get("content-type")).toContain("application/x-ndjson");
    const events: ImportStreamEvent[] = (await applied.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(events[0]).toEqual({ type: "progress", done: 0, total: 1 });
    expect(events.at(-1)).toEqual({ type: "done", created: 1, updated: 0, unchanged: 0 });
    expect(await getDb().station.count({ where: { code: `T-RT-${suffix}-1` } })).toBe(1);
  });

  it("refuses an oversized file with 413 before parsing it, in the JSON error shape", async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
    const response = await upload("admin", "?mode=dry-run", form(big));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining("5 MB") } });
    // A declared length over the limit is refused without reading the body.
    const declared = await upload("admin", "?mode=dry-run", "x", { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_IMPORT_BYTES * 2) });
    expect(declared.status).toBe(413);
  });

  it("refuses an XLSX zip bomb and an XLSX of too many rows with 413 in Chinese, writing nothing", async () => {
    const bomb = buildZip(workbookParts({ name: "xl/worksheets/sheet1.xml", data: repeatedSheet(XLSX_LIMITS.maxUncompressedBytes + 1024 * 1024) }));
    for (const mode of ["?mode=dry-run", "?mode=apply&expect=00000000000000000000000000000000"]) {
      const response = await upload("admin", mode, form(bomb, "bomb.xlsx"));
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining("解压后过大") } });
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("驿站");
    sheet.addRow(["编码 code", "名称 name"]);
    sheet.addRows(Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [`T-RT-${suffix}-many-${i}`, "工行驿站"]));
    const tooMany = await upload("admin", "?mode=dry-run", form(new Uint8Array(await workbook.xlsx.writeBuffer()), "many.xlsx"));
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining(String(MAX_IMPORT_ROWS)) } });
    expect(await getDb().station.count({ where: { code: { startsWith: `T-RT-${suffix}-many` } } })).toBe(0);
  });

  it("answers bad requests in the JSON error shape, never 500", async () => {
    const cases: [Response, number, string][] = [
      [await upload(null, "?mode=dry-run", form(await newStationFile(2))), 401, "unauthenticated"],
      [await upload("staff", "?mode=dry-run", form(await newStationFile(2))), 403, "forbidden"],
      [await upload("admin", "?mode=preview", form(await newStationFile(2))), 400, "validation_failed"],
      [await upload("admin", "?mode=dry-run", "not a form", { "content-type": "text/plain" }), 400, "validation_failed"],
      [await upload("admin", "?mode=dry-run", "--x\r\nbroken", { "content-type": "multipart/form-data; boundary=x" }), 400, "validation_failed"],
      [await upload("admin", "?mode=dry-run", form(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]), "x.xlsx")), 400, "validation_failed"],
      [await upload("admin", "?mode=apply&expect=00000000000000000000000000000000", form(await newStationFile(2))), 409, "conflict"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
    const crossSite = await importPost(
      new Request("http://localhost/api/v1/admin/import?mode=apply", { method: "POST", headers: { origin: "https://evil.example", cookie: cookies.admin }, body: form(await newStationFile(2)) }),
      { params: Promise.resolve({}) },
    );
    expect(crossSite.status).toBe(403);
    expect(await getDb().station.count({ where: { code: `T-RT-${suffix}-2` } })).toBe(0);
  });

  it("refuses to apply a file with a rejected row (422, with the rows) and writes nothing", async () => {
    const text = new TextDecoder().decode(await newStationFile(3)).replace("41.79", "47.5");
    const response = await upload("admin", "?mode=apply", form(new TextEncoder().encode(text)));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.details.rejected[0]).toMatchObject({ row: 2, reasons: [expect.stringContaining("不在辽宁省范围内")] });
    expect(await getDb().station.count({ where: { code: `T-RT-${suffix}-3` } })).toBe(0);
  });
});

describe("GET /api/v1/admin/export/…", () => {
  it("CSV starts with a UTF-8 BOM and carries a Chinese file name (RFC 5987)", async () => {
    const response = await download("admin", exportGet, "stations.csv");
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="yizhan-stations-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%B7%A5/);
    expect((await readTable(bytes)).rows.length).toBe(await getDb().station.count());
  });

  it("a city manager's exports hold their city only; branch staff get their own station", async () => {
    const dalian = await getDb().station.count({ where: { cityAdcode: 210200 } });
    const geojson = await (await download("dalianManager", exportGet, "stations.geojson")).json();
    expect(geojson.type).toBe("FeatureCollection");
    expect(geojson.features).toHaveLength(dalian);
    expect(new Set(geojson.features.map((f: { properties: { cityAdcode: number } }) => f.properties.cityAdcode))).toEqual(new Set([210200]));
    expect(geojson.features[0].geometry.coordinates[0]).toBeGreaterThan(120);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download("dalianManager", exportGet, "stations.xlsx")).arrayBuffer());
    const cities = workbook.worksheets[0].getColumn(5).values.slice(2);
    expect(cities).toHaveLength(dalian);
    expect(new Set(cities)).toEqual(new Set(["大连市"]));
    expect(workbook.worksheets[1].name).toBe("填写说明");

    const staffTable = await readTable(new Uint8Array(await (await download("staff", exportGet, "stations.csv")).arrayBuffer()));
    expect(staffTable.rows.map((r) => r.cells[1])).toEqual(["工行测试导出驿站"]);
  });

  it("coverage: one row per city and district for an admin, the manager's city only for a manager", async () => {
    const all = await readTable(new Uint8Array(await (await download("admin", exportGet, "coverage.csv")).arrayBuffer()));
    expect(all.rows).toHaveLength(14 + 100);
    expect(all.header.slice(0, 8)).toEqual(["城市", "城市代码", "区县（空为全市合计）", "区县代码", "常住人口（2020年普查）", "驿站数（不含已关闭）", "每个驿站对应人口", "90天内核实的驿站占比（%）"]);
    const shenyang = all.rows.find((r) => r.cells[1] === "210100" && r.cells[2] === "")!;
    const operating = await getDb().station.count({ where: { cityAdcode: 210100, status: { not: "CLOSED" } } });
    expect(Number(shenyang.cells[5])).toBe(operating);
    expect(Number(shenyang.cells[6])).toBe(Math.round(Number(shenyang.cells[4]) / operating));
    const withRest = await getDb().station.count({ where: { cityAdcode: 210100, status: { not: "CLOSED" }, amenities: { some: { amenityCode: "rest", availability: { not: "UNAVAILABLE" } } } } });
    expect(all.header.slice(8, 11)).toEqual(["城区常住人口（覆盖模型）", "步行1公里内无驿站的城区常住人口（覆盖模型）", "步行1公里内无驿站的人口占比（%）"]);
    expect(all.header[11]).toBe("有休息座椅的驿站占比（%）");
    expect(Number(shenyang.cells[11])).toBe(Math.round((withRest / operating) * 1000) / 10);
    // The dashboard's coverage model: the same residents beyond 1 km; counties are not modelled.
    const coverage = await getCoverage(testUser("export-admin", { role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null }), { thresholdMeters: 1000 });
    const modelled = coverage.cities.find((c) => c.adcode === 210100)!;
    expect([Number(shenyang.cells[8]), Number(shenyang.cells[9])]).toEqual([modelled.residents, modelled.residentsOutside]);
    expect(Number(shenyang.cells[10])).toBe(Math.round((modelled.residentsOutside / modelled.residents) * 1000) / 10);
    const modelledDistricts = new Set(coverage.districts.filter((d) => d.residents > 0).map((d) => String(d.adcode)));
    const unmodelledRows = all.rows.filter((r) => r.cells[3] !== "" && !modelledDistricts.has(r.cells[3]));
    expect(unmodelledRows.length).toBeGreaterThan(0);
    for (const row of unmodelledRows) expect(row.cells.slice(8, 11), row.cells[2]).toEqual(["", "", ""]);

    const mine = await readTable(new Uint8Array(await (await download("dalianManager", exportGet, "coverage.xlsx")).arrayBuffer()));
    expect(new Set(mine.rows.map((r) => r.cells[1]))).toEqual(new Set(["210200"]));
    expect((await download("staff", exportGet, "coverage.csv")).status).toBe(403);
  });

  it("coverage as GeoJSON: each city and district on its boundary, with the table's figures", async () => {
    const response = await download("admin", exportGet, "coverage.geojson");
    expect(response.headers.get("content-type")).toContain("application/geo+json");
    const { type, features } = await response.json();
    expect(type).toBe("FeatureCollection");
    expect(features).toHaveLength(14 + 100);
    expect(features.every((f: { geometry: { type: string } | null }) => f.geometry && ["Polygon", "MultiPolygon"].includes(f.geometry.type))).toBe(true);
    const table = await readTable(new Uint8Array(await (await download("admin", exportGet, "coverage.csv")).arrayBuffer()));
    const row = table.rows.find((r) => r.cells[3] === "210102")!;
    const heping = features.find((f: { id: number }) => f.id === 210102);
    expect(heping.properties).toMatchObject({ name: "和平区", level: "district", cityAdcode: 210100, stations: Number(row.cells[5]), residentsBeyond1km: Number(row.cells[9]) });
    expect(Math.round(heping.properties.shareBeyond1km * 1000) / 10).toBe(Number(row.cells[10]));
    // Longitude first (RFC 7946), inside Liaoning.
    const firstPoint = (c: unknown): number[] => (typeof (c as unknown[])[0] === "number" ? (c as number[]) : firstPoint((c as unknown[])[0]));
    const [lng, lat] = firstPoint(heping.geometry.coordinates);
    expect(lng).toBeGreaterThan(118);
    expect(lat).toBeLessThan(44);

    const mine = await (await download("dalianManager", exportGet, "coverage.geojson")).json();
    expect(new Set(mine.features.map((f: { properties: { cityAdcode: number } }) => f.properties.cityAdcode))).toEqual(new Set([210200]));
    expect((await download("staff", exportGet, "coverage.geojson")).status).toBe(403);
  });

  it("?city= narrows an admin's export to one city and names the file after it", async () => {
    const response = await download("admin", exportGet, "stations.geojson", "?city=210200");
    expect(response.headers.get("content-disposition")).toContain("yizhan-stations-210200-");
    const { features } = await response.json();
    expect(features).toHaveLength(await getDb().station.count({ where: { cityAdcode: 210200 } }));
    const coverage = await readTable(new Uint8Array(await (await download("admin", exportGet, "coverage.csv", "?city=210200")).arrayBuffer()));
    expect(new Set(coverage.rows.map((r) => r.cells[1]))).toEqual(new Set(["210200"]));
    // A manager asking for another city gets nothing of it.
    expect((await (await download("dalianManager", exportGet, "stations.geojson", "?city=210100")).json()).features).toEqual([]);
    expect((await download("admin", exportGet, "stations.csv", "?city=shenyang")).status).toBe(400);
    expect((await download("admin", exportGet, "stations.csv", "?town=1")).status).toBe(400);
  });

  it("answers 401 to the anonymous and 404 to an unknown file", async () => {
    expect((await download(null, exportGet, "stations.csv")).status).toBe(401);
    expect((await download("admin", exportGet, "stations.pdf")).status).toBe(404);
  });
});

describe("GET /api/v1/admin/import/{template,example}.…", () => {
  it("the template imports as nothing (its example row is commented out); the example re-imports unchanged against the sample", async () => {
    for (const file of ["template.csv", "template.xlsx"]) {
      const response = await download("admin", importFileGet, file);
      expect(response.status).toBe(200);
      const plan = await (await upload("admin", "?mode=dry-run", form(new Uint8Array(await response.arrayBuffer()), file))).json();
      expect([plan.create.length, plan.update.length, plan.unchanged, plan.rejected.length]).toEqual([0, 0, 0, 0]);
    }
    for (const file of ["example.csv", "example.xlsx"]) {
      const response = await download("admin", importFileGet, file);
      const plan = await (await upload("admin", "?mode=dry-run", form(new Uint8Array(await response.arrayBuffer()), file))).json();
      expect(plan.rejected).toEqual([]);
      expect(plan.unchanged + plan.update.length).toBe(5);
    }
  });
});
