/**
 * Spreadsheet formula injection in every export: text someone typed (a station's name, address, notice)
 * that starts like a formula must reach Excel as text. CSV cells get a leading ' (OWASP's advice);
 * XLSX cells are written as strings, never as formulas. The audit log's CSV follows the same rule.
 */
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportGet } from "@/app/api/v1/admin/export/[file]/route";
import { GET as auditCsvGet } from "@/app/api/v1/staff/audit.csv/route";
import { PATCH as stationPatch } from "@/app/api/v1/staff/stations/[id]/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { FORMULA_START } from "@/lib/transfer/write-table";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";
import { currentVersion } from "../support/test-actors";

const PAYLOADS = {
  name: '=HYPERLINK("http://evil.example","点我")',
  nameEn: "@SUM(1+1)*cmd|' /C calc'!A0",
  address: "+辽宁省沈阳市和平区测试路1号",
  notice: "\t=1+1-2+3+cmd|' /C calc'!A0",
};

const system: SystemActor = { kind: "system", label: "system:test-formula" };
const suffix = randomUUID().slice(0, 8);
const password = "formula password 1";
let cookie = "";
let fixture: Awaited<ReturnType<typeof createStations>>;
let code = "";

beforeAll(async () => {
  fixture = await createStations([
    {
      name: PAYLOADS.name,
      nameEn: PAYLOADS.nameEn,
      address: PAYLOADS.address,
      notice: PAYLOADS.notice,
    },
  ]);
  code = (await getDb().station.findUniqueOrThrow({ where: { id: fixture.ids[0] } })).code;
  await createUser(system, { username: `formula_${suffix}`, email: `formula_${suffix}@example.cn`, password, name: "=1+1", role: { role: "PROVINCE_ADMIN" } });
  cookie = await signInCookie(`formula_${suffix}`, password);
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { username: `formula_${suffix}` } });
  await fixture.remove();
});

async function download(file: string): Promise<Buffer> {
  const response = await exportGet(new Request(`http://localhost/api/v1/admin/export/${file}?city=210100`, { headers: { cookie } }), {
    params: Promise.resolve({ file }),
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

function csvRows(bytes: Buffer): string[][] {
  return parse(bytes.toString("utf8").replace(/^\uFEFF/, ""), { relaxColumnCount: true });
}

describe("the station export", () => {
  it("CSV: no cell starts a formula, and the typed text follows the guard intact", async () => {
    const rows = csvRows(await download("stations.csv"));
    const row = rows.find((cells) => cells.includes(code));
    expect(row).toBeDefined();
    for (const cells of rows) for (const cell of cells) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
    expect(row).toEqual(expect.arrayContaining([`'${PAYLOADS.name}`, `'${PAYLOADS.nameEn}`, `'${PAYLOADS.address}`, `'${PAYLOADS.notice}`]));
  });

  it("XLSX: the cells are text, never formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download("stations.xlsx")) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    let found = false;
    sheet.eachRow((row) => {
      row.eachCell((cell) => expect(cell.type, `${cell.address} ${JSON.stringify(cell.value)}`).not.toBe(ExcelJS.ValueType.Formula));
      const values = (row.values as unknown[]).filter((v) => typeof v === "string");
      if (values.includes(code)) {
        found = true;
        expect(values).toEqual(expect.arrayContaining([PAYLOADS.name, PAYLOADS.nameEn, PAYLOADS.address, PAYLOADS.notice]));
      }
    });
    expect(found).toBe(true);
  });
});

describe("the audit log's CSV", () => {
  it("guards a notice, a station name and an actor's label that start like formulas", async () => {
    const stationId = fixture.ids[0];
    const edit = await stationPatch(
      new Request(`http://localhost/api/v1/staff/stations/${stationId}`, {
        method: "PATCH",
        headers: { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" },
        body: JSON.stringify({ version: await currentVersion(stationId), notice: "=1+1" }),
      }),
      { params: Promise.resolve({ id: stationId }) },
    );
    expect(edit.status).toBe(200);
    const response = await auditCsvGet(new Request(`http://localhost/api/v1/staff/audit.csv?stationId=${stationId}`, { headers: { cookie } }), { params: Promise.resolve({}) });
    const rows = csvRows(Buffer.from(await response.arrayBuffer()));
    expect(rows.length).toBeGreaterThan(1);
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(FORMULA_START);
    expect(rows.flat()).toContain(`'${PAYLOADS.name}`);
  });
});
