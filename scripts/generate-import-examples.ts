/**
 * `npm run data:import-examples`: writes data/import-example.csv and .xlsx, the first station of a few
 * cities from the sample in the import's own table format, so the example re-imports against the sample
 * unchanged and shows people a filled-in file. Rerunning it rewrites the CSV byte for byte; the XLSX differs
 * only in the timestamps inside its zip.
 */
import { writeFileSync } from "node:fs";
import { readSampleDatasetFile } from "@/lib/seed/reference-data";
import { stationRecordToCells } from "@/lib/transfer/station-rows";
import { stationTableFile } from "@/lib/transfer/station-table";
import { fileTransferContext } from "@/lib/transfer/file-transfer-context";
import { stationDatasetSchema } from "@/lib/validations/station-import";

const context = await fileTransferContext();
const { stations } = stationDatasetSchema.parse(await readSampleDatasetFile());
const picked = [210100, 210200, 210300, 210400, 211400].map((city) => stations.find((s) => s.cityAdcode === city)!);
const cells = picked.map((record) => stationRecordToCells(record, context));
for (const format of ["csv", "xlsx"] as const) {
  writeFileSync(`data/import-example.${format}`, await stationTableFile(format, cells, context));
}
console.log(`data/import-example.csv, data/import-example.xlsx: ${cells.length} stations`);
