/**
 * `npx tsx --conditions=react-server scripts/measure-import.ts [rows]` (DATABASE_URL set): times the import
 * of a generated file of new stations (default 10,000) — dry run, apply creating them, apply updating every
 * notice, and the unchanged re-import — then deletes the stations again. Their audit rows stay: the audit
 * log is append-only, so run this against a development database only.
 */
import { performance } from "node:perf_hooks";
import { disconnectDb, getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { prepareStationImport } from "@/lib/server/transfer/apply-station-import";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { previewStationImport } from "@/lib/server/transfer/preview-station-import";
import { stationRecordToCells } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";
import { stationRecordSchema } from "@/lib/validations/station-import";

const rows = Number(process.argv[2] ?? 10_000);
const admin: Actor = { kind: "user", userId: "measure-import", label: "system:measure-import", roles: [{ role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null }] };
const context = await loadTransferContext();
const prefix = `BENCH-${Date.now().toString(36)}`;

function file(notice: string) {
  const cells = Array.from({ length: rows }, (_, i) => {
    const district = context.districts[i % context.districts.length];
    const record = stationRecordSchema.parse({
      code: `${prefix}-${String(i).padStart(5, "0")}`,
      name: `工行测量驿站${i}号`,
      address: `辽宁省${district.name}测量路${i}号`,
      cityAdcode: district.cityAdcode,
      districtAdcode: district.adcode,
      lat: 40 + (i % 300) / 100,
      lng: 121 + (i % 400) / 100,
      phone: "024-12345678",
      notice,
      openingHours: { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens: "08:30", closes: "17:30" })), exceptions: [] },
      amenities: ["rest", "drinking_water", "phone_charging", "wifi", "toilet"].map((code) => ({ code })),
    });
    return stationRecordToCells(record, context);
  });
  return stationTableFile("csv", cells, context);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

try {
  const first = await file("测量用公告");
  console.log(`${rows} rows, CSV ${(first.byteLength / 1024 / 1024).toFixed(2)} MB`);
  const plan = await timed("dry run (parse, validate, compare)", () => previewStationImport(admin, first));
  console.log(`  create ${plan.create.length}, update ${plan.update.length}, rejected ${plan.rejected.length}`);
  let events = 0;
  await timed("apply: create every station", async () => (await prepareStationImport(admin, first, plan.digest)).run(() => events++));
  console.log(`  ${events} progress events`);
  const second = await file("测量用公告（已修改）");
  await timed("apply: update every station's notice", async () => (await prepareStationImport(admin, second)).run());
  const again = await timed("dry run of the same file again", () => previewStationImport(admin, second));
  console.log(`  unchanged ${again.unchanged}`);
} finally {
  await getDb().station.deleteMany({ where: { code: { startsWith: prefix } } });
  await disconnectDb();
}
