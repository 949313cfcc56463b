import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/server/actor";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { requireExportAccess } from "@/lib/server/transfer/transfer-access";
import { stationRecordToCells } from "@/lib/transfer/station-rows";
import { stationTableFile, type TableFileFormat } from "@/lib/transfer/station-table";
import { stationRecordSchema } from "@/lib/validations/station-import";

/** The template's one example row, commented out with "#" so importing the template as it is adds nothing. */
const exampleRecord = stationRecordSchema.parse({
  code: "LN210102999",
  name: "工行沈阳示例支行",
  nameEn: "ICBC Shenyang Example Sub-branch",
  address: "辽宁省沈阳市和平区示例路1号",
  cityAdcode: 210100,
  districtAdcode: 210102,
  lat: 41.787244,
  lng: 123.400997,
  phone: "024-12345678",
  status: "open",
  notice: "冬季提供热姜茶",
  verifiedAt: "2026-11-11T13:20:00+08:00",
  openingHours: {
    weekly: [1, 2, 3, 4, 5].flatMap((day) => [
      { day, opens: "08:30", closes: "12:00" },
      { day, opens: "13:30", closes: "17:30" },
    ]).concat([{ day: 6, opens: "09:00", closes: "12:00" }]),
    exceptions: [],
  },
  amenities: [
    { code: "rest" },
    { code: "drinking_water" },
    { code: "phone_charging" },
    { code: "wifi" },
    { code: "toilet", availability: "limited" },
    { code: "umbrella_loan", availability: "unavailable" },
  ],
});

export async function importTemplate(actor: Actor, format: TableFileFormat): Promise<Uint8Array> {
  requireExportAccess(actor);
  const context = await loadTransferContext();
  return stationTableFile(format, [stationRecordToCells(exampleRecord, context)], context, { exampleRow: true });
}

/** The example files in data/, made from a few sample stations by `npm run data:import-examples`. */
export async function importExample(actor: Actor, format: TableFileFormat): Promise<Uint8Array> {
  requireExportAccess(actor);
  return new Uint8Array(await readFile(path.join(process.cwd(), "data", `import-example.${format}`)));
}
