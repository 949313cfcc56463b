import { connection } from "next/server";
import { StationFinder } from "@/components/station-finder";
import { env } from "@/lib/env";
import { anonymousActor } from "@/lib/server/actor";
import { listStationMarkers } from "@/lib/server/station/list-station-markers";

export default async function HomePage() {
  await connection();
  const stations = await listStationMarkers(anonymousActor);
  return (
    <main>
      <p className="sample-banner" role="note">
        演示数据：以下站点为按人口分布生成的模拟样本，并非中国工商银行的正式网点名单。
      </p>
      <StationFinder stations={stations} tiles={{ url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION }} />
    </main>
  );
}
