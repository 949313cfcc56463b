import gcoord from "gcoord";

/**
 * Hand-off links to the map apps people in China use. Stations are stored in WGS-84, but Chinese map
 * providers must by law use GCJ-02 (Baidu adds its own BD-09 on top), so each link carries the point in
 * the datum its app expects; given WGS-84 they would put the pin 300–700 m off in Liaoning.
 */

export type DirectionsTarget = { lat: number; lng: number; name: string; address: string };
export type DirectionsProvider = "amap" | "baidu" | "tencent" | "geo" | "apple";
export type Datum = "WGS84" | "GCJ02" | "BD09";
export type DirectionsLink = { provider: DirectionsProvider; datum: Datum; href: string };

const SOURCE = "icbc-yizhan";

type Point = { lat: number; lng: number };

export function toDatum(point: Point, datum: Datum): Point {
  if (datum === "WGS84") return point;
  const [lng, lat] = gcoord.transform<[number, number]>([point.lng, point.lat], gcoord.WGS84, gcoord[datum]);
  return { lat, lng };
}

// Six decimals is about 0.1 m: finer than any of these datums is accurate, shorter than raw floats.
const fixed = (value: number) => value.toFixed(6);

// Tencent's marker parameter is itself a `key:value;key:value` list, so those separators cannot appear
// inside a name or address even when percent-encoded (the server decodes before it splits).
const tencentText = (text: string) => encodeURIComponent(text.replace(/[;:]/g, " "));

// RFC 5870 forbids unescaped parentheses in the label Android reads from `q=…(label)`.
const geoLabel = (text: string) => encodeURIComponent(text).replace(/\(/g, "%28").replace(/\)/g, "%29");

export function directionsLinks(target: DirectionsTarget): DirectionsLink[] {
  const gcj = toDatum(target, "GCJ02");
  const bd = toDatum(target, "BD09");
  const name = encodeURIComponent(target.name);
  const address = encodeURIComponent(target.address);
  return [
    {
      provider: "amap",
      datum: "GCJ02",
      href: `https://uri.amap.com/marker?position=${fixed(gcj.lng)},${fixed(gcj.lat)}&name=${name}&coordinate=gaode&callnative=1`,
    },
    {
      provider: "baidu",
      datum: "BD09",
      href: `https://api.map.baidu.com/marker?location=${fixed(bd.lat)},${fixed(bd.lng)}&title=${name}&content=${address}&output=html&coord_type=bd09ll&src=${SOURCE}`,
    },
    {
      provider: "tencent",
      datum: "GCJ02",
      href: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${fixed(gcj.lat)},${fixed(gcj.lng)};title:${tencentText(target.name)};addr:${tencentText(target.address)}&referer=${SOURCE}`,
    },
    {
      provider: "geo",
      datum: "WGS84",
      href: `geo:${fixed(target.lat)},${fixed(target.lng)}?q=${fixed(target.lat)},${fixed(target.lng)}(${geoLabel(target.name)})`,
    },
    {
      // Apple Maps shows mainland China on GCJ-02 data, and every station is in Liaoning.
      provider: "apple",
      datum: "GCJ02",
      href: `https://maps.apple.com/?ll=${fixed(gcj.lat)},${fixed(gcj.lng)}&q=${name}`,
    },
  ];
}
