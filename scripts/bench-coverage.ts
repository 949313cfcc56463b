/**
 * `npm run bench:coverage` (needs DATABASE_URL): how long the coverage analysis takes for the whole
 * province. Reports the median of several runs of the computation itself (grid × stations → figures, as
 * getCoverage runs it on a cache miss), the first getCoverage call (database read + computation) and a
 * cached call, then the ten districts with the most residents outside 1 km.
 */
import { computeCoverage } from "@/lib/coverage/compute-coverage";
import { decodeGrid, type GridFile } from "@/lib/coverage/grid";
import { disconnectDb, getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { getCoverage } from "@/lib/server/coverage/get-coverage";
import gridFile from "../data/coverage-grid.json";

const RUNS = 15;
const admin: Actor = { kind: "user", userId: "bench", label: "system:bench-coverage", roles: [{ role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null }] };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const db = getDb();
  const stations = (
    await db.station.findMany({ select: { lat: true, lng: true, status: true, amenities: { select: { amenityCode: true, availability: true } } } })
  ).map((s) => ({
    lat: s.lat,
    lng: s.lng,
    status: s.status.toLowerCase() as "open",
    amenities: s.amenities.map((a) => ({ code: a.amenityCode, availability: a.availability.toLowerCase() as "available" })),
  }));
  const districts = (await db.district.findMany()).map((d) => ({ adcode: d.adcode, cityAdcode: d.cityAdcode, residents: d.population2020 * (d.urbanShare2020 ?? 0) }));

  let started = performance.now();
  const grid = decodeGrid(gridFile as GridFile);
  console.log(`grid: ${grid.cells.length} cells decoded in ${ms(performance.now() - started)}; ${stations.length} stations`);

  for (const amenity of [null, "toilet"]) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      computeCoverage({ grid, districts, stations, amenity, thresholdMeters: 1000 });
      times.push(performance.now() - started);
    }
    console.log(`computeCoverage, whole province, amenity ${amenity ?? "(any)"}: median ${ms(median(times))} of ${RUNS} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))})`);
  }

  started = performance.now();
  const view = await getCoverage(admin, { thresholdMeters: 1000 });
  console.log(`getCoverage, first call (read stations + compute + view): ${ms(performance.now() - started)}`);
  const cached: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    await getCoverage(admin, { thresholdMeters: 1000 });
    cached.push(performance.now() - started);
  }
  console.log(`getCoverage, cached (version check + view): median ${ms(median(cached))} of ${RUNS}`);
  console.log(`gap layer: ${view.gapRuns.length} rectangles, ${Math.round(JSON.stringify(view.gapRuns).length / 1024)} KB; whole response ${Math.round(JSON.stringify(view).length / 1024)} KB`);
  console.log(`province: ${view.total.residentsOutside} of ${view.total.residents} urban residents (${(view.total.shareOutside * 100).toFixed(1)} %) outside 1 km`);
  for (const d of view.districts.slice(0, 10)) {
    console.log(`  ${d.adcode} ${d.cityName}${d.name}: ${d.residentsOutside} of ${d.residents} (${(d.shareOutside * 100).toFixed(1)} %)`);
  }
  await disconnectDb();
}

await main();
