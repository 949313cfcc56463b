/**
 * `npm run data:generate`: writes the SYNTHETIC sample of 571 工行驿站 (data/sample-stations.json) and the
 * simplified boundary layers the map draws (public/geo/*.json). No real branch list was available (see
 * data/PROVENANCE.md), so every position, address and phone number here is invented. The output is a pure
 * function of the files in data/: a seeded PRNG replaces Math.random and a fixed reference day replaces the
 * clock, so every run and every machine produces byte-identical files.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { simplify } from "@turf/simplify";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { stationIdFromCode } from "@/lib/station-id";
import type { StationRecordInput } from "@/lib/validations/station-import";

const STATION_TOTAL = 571;
const SEED = "icbc-yizhan-sample-v1";
/** "Today" for the sample: verification ages and the temporary closures are relative to this day. */
const REFERENCE_DAY = "2026-11-27";
const EARLIEST_VERIFICATION_DAY = "2026-01-05";
const LATEST_VERIFICATION_DAY = "2026-11-20";
const MIN_SPACING_M = 150;

const DATA_DIR = new URL("../data/", import.meta.url);
const GEO_DIR = new URL("../data/geo/", import.meta.url);
const PUBLIC_GEO_DIR = new URL("../public/geo/", import.meta.url);

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

function seedFrom(text: string): number {
  return createHash("sha1").update(`${SEED}:${text}`).digest().readUInt32BE(0);
}

/** mulberry32: tiny, fast and good enough for sampling; each stream is seeded from a stable label. */
class Random {
  private state: number;

  constructor(label: string) {
    this.state = seedFrom(label);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let r = this.next() * options.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** Standard normal variate (Box–Muller). */
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

type Lnglat = [number, number];
type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

interface County {
  adcode: number;
  name: string;
  cityAdcode: number;
  urbanPopulation: number;
  /** Where the district's stations cluster: its seat of government, or the nearest point inside it. */
  anchor: Lnglat;
  feature: AreaFeature;
}

interface City {
  adcode: number;
  name: string;
  counties: County[];
  urbanPopulation: number;
}

function readCsv(fileName: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL(fileName, GEO_DIR), "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

function readGeo(fileName: string): FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>> {
  return JSON.parse(readFileSync(new URL(fileName, GEO_DIR), "utf8"));
}

function loadCities(): City[] {
  const population = new Map(readCsv("liaoning_population_2020.csv").map((r) => [Number(r.adcode), r]));
  const polygons = new Map(
    readGeo("liaoning_counties.wgs84.geojson").features.map((f) => [Number(f.properties.adcode), f]),
  );
  const cities = new Map<number, City>();
  for (const row of readCsv("liaoning_admin_points.csv")) {
    const adcode = Number(row.adcode);
    if (row.level === "city") {
      cities.set(adcode, { adcode, name: row.name, counties: [], urbanPopulation: 0 });
    }
    if (row.level !== "county") continue;
    const pop = population.get(adcode);
    const feature = polygons.get(adcode);
    if (!pop || !feature) throw new Error(`No population or polygon for county ${adcode} ${row.name}`);
    const city = cities.get(Number(row.city_adcode));
    if (!city) throw new Error(`County ${adcode} listed before its city ${row.city_adcode}`);
    const county: County = {
      adcode,
      name: row.name,
      cityAdcode: city.adcode,
      urbanPopulation: Number(pop.pop_2020) * Number(pop.urban_share_2020),
      anchor: anchorInside([Number(row.center_lng_wgs84), Number(row.center_lat_wgs84)], feature),
      feature,
    };
    city.counties.push(county);
    city.urbanPopulation += county.urbanPopulation;
  }
  const byAdcode = <T extends { adcode: number }>(a: T, b: T) => a.adcode - b.adcode;
  for (const city of cities.values()) city.counties.sort(byAdcode);
  return [...cities.values()].sort(byAdcode);
}

// ---------------------------------------------------------------------------------------------------------
// Geometry helpers (local equirectangular metres: errors are negligible at district scale)

const M_PER_DEG_LAT = 110_574;
const mPerDegLng = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

function distanceM(a: Lnglat, b: Lnglat): number {
  const dx = (b[0] - a[0]) * mPerDegLng((a[1] + b[1]) / 2);
  const dy = (b[1] - a[1]) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

function rings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * DataV's `center` is the seat of government. For 抚顺县, 文圣区 and 太子河区 that seat lies in a neighbouring
 * district, so the anchor becomes the closest point just inside the district: the built-up edge facing the seat.
 */
export function anchorInside(center: Lnglat, feature: AreaFeature): Lnglat {
  if (booleanPointInPolygon(center, feature)) return center;
  const kx = mPerDegLng(center[1]);
  let best: { point: Lnglat; d: number } | null = null;
  for (const ring of rings(feature.geometry)) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = [(ring[i - 1][0] - center[0]) * kx, (ring[i - 1][1] - center[1]) * M_PER_DEG_LAT];
      const [bx, by] = [(ring[i][0] - center[0]) * kx, (ring[i][1] - center[1]) * M_PER_DEG_LAT];
      const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / len2));
      const [px, py] = [ax + t * (bx - ax), ay + t * (by - ay)];
      const d = Math.hypot(px, py);
      if (!best || d < best.d) best = { point: [px, py], d };
    }
  }
  if (!best) throw new Error(`District ${feature.properties.adcode} has no boundary`);
  const [ux, uy] = [best.point[0] / best.d, best.point[1] / best.d];
  for (const beyond of [100, 200, 400, 800, 1600]) {
    const candidate: Lnglat = [
      center[0] + ((best.d + beyond) * ux) / kx,
      center[1] + ((best.d + beyond) * uy) / M_PER_DEG_LAT,
    ];
    if (booleanPointInPolygon(candidate, feature)) return candidate;
  }
  throw new Error(`No point inside district ${feature.properties.adcode} near its seat`);
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

// ---------------------------------------------------------------------------------------------------------
// Allocation: cities by urban population, then districts within a city (at least one each)

/** Largest-remainder (Hamilton) apportionment; ties go to the lower index, i.e. the lower adcode. */
function largestRemainder(seats: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (seats * w) / total);
  const result = quotas.map(Math.floor);
  const order = quotas
    .map((q, i) => ({ i, remainder: q - Math.floor(q) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  const leftover = seats - result.reduce((a, b) => a + b, 0);
  for (let k = 0; k < leftover; k++) result[order[k].i]++;
  return result;
}

/**
 * Proportional with a floor of one: districts whose quota is below one get exactly one station and leave the
 * pool, the rest is re-apportioned among the others, until no quota falls below one.
 */
function allocateWithMinimumOne(seats: number, weights: readonly number[]): number[] {
  const fixed = new Set<number>();
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const freeSeats = seats - fixed.size;
    const freeWeight = free.reduce((sum, i) => sum + weights[i], 0);
    const below = free.filter((i) => (freeSeats * weights[i]) / freeWeight < 1);
    if (below.length === 0) {
      const shares = largestRemainder(freeSeats, free.map((i) => weights[i]));
      const result = weights.map(() => 1);
      free.forEach((i, k) => (result[i] = shares[k]));
      return result;
    }
    for (const i of below) fixed.add(i);
  }
}

function allocate(cities: readonly City[]): Map<number, number> {
  const perCity = largestRemainder(STATION_TOTAL, cities.map((c) => c.urbanPopulation));
  const perCounty = new Map<number, number>();
  cities.forEach((city, i) => {
    const counts = allocateWithMinimumOne(perCity[i], city.counties.map((c) => c.urbanPopulation));
    city.counties.forEach((county, k) => perCounty.set(county.adcode, counts[k]));
  });
  return perCounty;
}

// ---------------------------------------------------------------------------------------------------------
// Names, roads, phones

interface CityStyle {
  short: string;
  en: string;
  areaCode: string;
  /** First digit(s) of local numbers; 抚顺, 本溪 and 铁岭 joined Shenyang's 024 with a leading digit. */
  localPrefixes: readonly string[];
  localDigits: 7 | 8;
}

const CITY_STYLES: Record<number, CityStyle> = {
  210100: { short: "沈阳", en: "Shenyang", areaCode: "024", localPrefixes: ["2", "3", "8"], localDigits: 8 },
  210200: { short: "大连", en: "Dalian", areaCode: "0411", localPrefixes: ["3", "6", "8"], localDigits: 8 },
  210300: { short: "鞍山", en: "Anshan", areaCode: "0412", localPrefixes: ["2", "5", "8"], localDigits: 7 },
  210400: { short: "抚顺", en: "Fushun", areaCode: "024", localPrefixes: ["5"], localDigits: 8 },
  210500: { short: "本溪", en: "Benxi", areaCode: "024", localPrefixes: ["4"], localDigits: 8 },
  210600: { short: "丹东", en: "Dandong", areaCode: "0415", localPrefixes: ["2", "3", "6"], localDigits: 7 },
  210700: { short: "锦州", en: "Jinzhou", areaCode: "0416", localPrefixes: ["2", "3", "5"], localDigits: 7 },
  210800: { short: "营口", en: "Yingkou", areaCode: "0417", localPrefixes: ["2", "3", "6"], localDigits: 7 },
  210900: { short: "阜新", en: "Fuxin", areaCode: "0418", localPrefixes: ["2", "3", "8"], localDigits: 7 },
  211000: { short: "辽阳", en: "Liaoyang", areaCode: "0419", localPrefixes: ["2", "3", "5"], localDigits: 7 },
  211100: { short: "盘锦", en: "Panjin", areaCode: "0427", localPrefixes: ["2", "3", "6"], localDigits: 7 },
  211200: { short: "铁岭", en: "Tieling", areaCode: "024", localPrefixes: ["7"], localDigits: 8 },
  211300: { short: "朝阳", en: "Chaoyang", areaCode: "0421", localPrefixes: ["2", "3", "6"], localDigits: 7 },
  211400: { short: "葫芦岛", en: "Huludao", areaCode: "0429", localPrefixes: ["2", "3", "5"], localDigits: 7 },
};

/** Short name as used in branch names, and its English form. */
const DISTRICT_STYLES: Record<number, readonly [string, string]> = {
  210102: ["和平", "Heping"], 210103: ["沈河", "Shenhe"], 210104: ["大东", "Dadong"],
  210105: ["皇姑", "Huanggu"], 210106: ["铁西", "Tiexi"], 210111: ["苏家屯", "Sujiatun"],
  210112: ["浑南", "Hunnan"], 210113: ["沈北", "Shenbei"], 210114: ["于洪", "Yuhong"],
  210115: ["辽中", "Liaozhong"], 210123: ["康平", "Kangping"], 210124: ["法库", "Faku"],
  210181: ["新民", "Xinmin"],
  210202: ["中山", "Zhongshan"], 210203: ["西岗", "Xigang"], 210204: ["沙河口", "Shahekou"],
  210211: ["甘井子", "Ganjingzi"], 210212: ["旅顺口", "Lüshunkou"], 210213: ["金州", "Jinzhou"],
  210214: ["普兰店", "Pulandian"], 210224: ["长海", "Changhai"], 210281: ["瓦房店", "Wafangdian"],
  210283: ["庄河", "Zhuanghe"],
  210302: ["铁东", "Tiedong"], 210303: ["铁西", "Tiexi"], 210304: ["立山", "Lishan"],
  210311: ["千山", "Qianshan"], 210321: ["台安", "Tai'an"], 210323: ["岫岩", "Xiuyan"],
  210381: ["海城", "Haicheng"],
  210402: ["新抚", "Xinfu"], 210403: ["东洲", "Dongzhou"], 210404: ["望花", "Wanghua"],
  210411: ["顺城", "Shuncheng"], 210421: ["抚顺县", "Fushun County"], 210422: ["新宾", "Xinbin"],
  210423: ["清原", "Qingyuan"],
  210502: ["平山", "Pingshan"], 210503: ["溪湖", "Xihu"], 210504: ["明山", "Mingshan"],
  210505: ["南芬", "Nanfen"], 210521: ["本溪县", "Benxi County"], 210522: ["桓仁", "Huanren"],
  210602: ["元宝", "Yuanbao"], 210603: ["振兴", "Zhenxing"], 210604: ["振安", "Zhen'an"],
  210624: ["宽甸", "Kuandian"], 210681: ["东港", "Donggang"], 210682: ["凤城", "Fengcheng"],
  210702: ["古塔", "Guta"], 210703: ["凌河", "Linghe"], 210711: ["太和", "Taihe"],
  210726: ["黑山", "Heishan"], 210727: ["义县", "Yixian"], 210781: ["凌海", "Linghai"],
  210782: ["北镇", "Beizhen"],
  210802: ["站前", "Zhanqian"], 210803: ["西市", "Xishi"], 210804: ["鲅鱼圈", "Bayuquan"],
  210811: ["老边", "Laobian"], 210881: ["盖州", "Gaizhou"], 210882: ["大石桥", "Dashiqiao"],
  210902: ["海州", "Haizhou"], 210903: ["新邱", "Xinqiu"], 210904: ["太平", "Taiping"],
  210905: ["清河门", "Qinghemen"], 210911: ["细河", "Xihe"], 210921: ["阜蒙", "Fumeng"],
  210922: ["彰武", "Zhangwu"],
  211002: ["白塔", "Baita"], 211003: ["文圣", "Wensheng"], 211004: ["宏伟", "Hongwei"],
  211005: ["弓长岭", "Gongchangling"], 211011: ["太子河", "Taizihe"], 211021: ["辽阳县", "Liaoyang County"],
  211081: ["灯塔", "Dengta"],
  211102: ["双台子", "Shuangtaizi"], 211103: ["兴隆台", "Xinglongtai"], 211104: ["大洼", "Dawa"],
  211122: ["盘山", "Panshan"],
  211202: ["银州", "Yinzhou"], 211204: ["清河", "Qinghe"], 211221: ["铁岭县", "Tieling County"],
  211223: ["西丰", "Xifeng"], 211224: ["昌图", "Changtu"], 211281: ["调兵山", "Diaobingshan"],
  211282: ["开原", "Kaiyuan"],
  211302: ["双塔", "Shuangta"], 211303: ["龙城", "Longcheng"], 211321: ["朝阳县", "Chaoyang County"],
  211322: ["建平", "Jianping"], 211324: ["喀左", "Kazuo"], 211381: ["北票", "Beipiao"],
  211382: ["凌源", "Lingyuan"],
  211402: ["连山", "Lianshan"], 211403: ["龙港", "Longgang"], 211404: ["南票", "Nanpiao"],
  211421: ["绥中", "Suizhong"], 211422: ["建昌", "Jianchang"], 211481: ["兴城", "Xingcheng"],
};

/** Well-known streets of the two large cities, tried first in their own district so names read locally. */
const DISTRICT_ROADS: Record<number, readonly string[]> = {
  210102: ["太原北街", "中华路", "中山路", "民主路", "十一纬路", "三好街", "砂山街", "八经街", "和平北大街"],
  210103: ["中街路", "青年大街", "市府大路", "北站路", "大南街", "小西路", "万柳塘路", "文艺路", "五爱街", "奉天街", "正阳街"],
  210104: ["小东路", "大东路", "东北大马路", "津桥路", "长安路", "东望街", "北海街", "上园路", "滂江街", "善邻路"],
  210105: ["北陵大街", "崇山中路", "昆山中路", "岐山中路", "黄河北大街", "鸭绿江街", "长江街", "华山路", "泰山路", "塔湾街", "黑龙江街", "淮河街", "珠江街"],
  210106: ["建设中路", "北二中路", "兴华南街", "重工街", "兴工街", "卫工街", "保工街", "启工街", "肇工街", "云峰街", "沈辽中路", "艳粉街", "开发大路"],
  210111: ["枫杨路", "雪松路"],
  210112: ["浑南中路", "浑南东路", "全运路", "创新路"],
  210113: ["道义南大街", "蒲河路"],
  210114: ["黄海路", "吉力湖街", "西江街"],
  210202: ["人民路", "中山路", "解放路", "天津街", "港湾街", "鲁迅路", "同兴街", "七一街", "桃源街", "五五路", "友好路", "延安路"],
  210203: ["新开路", "八一路", "黄河路", "北京街", "长春路", "石道街", "大同街", "胜利路", "长江路", "民运街"],
  210204: ["西安路", "五一路", "中长街", "联合路", "李家街", "太原街", "西南路", "兴工街"],
  210211: ["华北路", "华东路", "华南北路", "山东路", "黄浦路", "红旗西路", "红旗中路", "软件园路", "数码路"],
  210213: ["金马路", "东北大街", "辽河西路"],
};

const COMMON_ROADS: readonly string[] = [
  "人民路", "中山路", "解放路", "新华街", "胜利路", "建设大路", "文化路", "北京街", "长江路", "黄河大街",
  "和平大街", "青年大街", "站前街", "民主路", "光明街", "团结路", "友谊街", "工农路", "新兴街", "兴隆大街",
  "朝阳街", "东风路", "红旗街", "幸福街", "园林路", "育才街", "学府路", "滨河路", "迎宾路", "振兴路",
  "繁荣路", "富民街", "春风街", "健康路", "公园街", "建国路", "新民街", "东环路", "西环路", "南环路",
  "北环路", "世纪大道", "银河路", "新城街", "中兴街", "前进路", "跃进路", "安居街", "和谐路", "兴华街",
  "永安路", "长安街", "太平街", "向阳街", "先锋路", "南京路", "上海路", "天津街", "西安路", "广州街",
  "杭州路", "哈尔滨路", "长春街", "延安路", "井冈山路", "泰山路", "华山路", "衡山路", "嵩山路", "昆山路",
  "黄山路", "珠江路", "淮河路", "松花江街", "嫩江街", "辽河路", "民生路", "商业街", "市府路", "体育路",
  "学院路", "科技路", "创业路", "开发大道", "工业街", "铁路街", "站南路", "站北路", "北大街", "南大街",
  "东大街", "西大街", "中央大街", "新开路", "文明路", "和平路", "利民街", "惠民路", "顺城街", "育英街",
  "英才路", "凤凰路", "龙山路", "白云路", "青松路", "金山路", "银山路", "光华路", "新立街", "丰收路",
  "友爱街", "兴业路", "福民路", "康宁街", "民安路", "广场路", "河畔街", "东山路", "西山路", "南山路",
];

interface NamedBranch {
  districtAdcode: number;
  name: string;
  nameEn?: string;
  /** Street for the address; otherwise one is drawn like any other station's. */
  road?: string;
  amenities: readonly { code: string; note?: string }[];
  story?: string;
}

/** Branches the brief names: real branch names, but their positions, addresses and phones are invented. */
const NAMED_BRANCHES: readonly NamedBranch[] = [
  { districtAdcode: 210104, name: "工行沈阳大东支行营业室", amenities: [{ code: "poverty_relief_goods" }] },
  {
    districtAdcode: 210114,
    name: "工行沈阳龙江支行",
    nameEn: "ICBC Shenyang Longjiang Sub-branch",
    amenities: [{ code: "military_service" }, { code: "appointment_home_service" }],
  },
  {
    districtAdcode: 210102,
    name: "工行沈阳南京街支行",
    nameEn: "ICBC Shenyang Nanjing Street Sub-branch",
    road: "南京北街",
    amenities: [
      { code: "newspapers_books" },
      { code: "emergency_medicine" },
      { code: "sewing_kit" },
      { code: "reading_glasses" },
      { code: "wheelchair" },
    ],
  },
  { districtAdcode: 210105, name: "工行沈阳皇姑支行营业室", amenities: [{ code: "anti_fraud_corner" }] },
  {
    districtAdcode: 210103,
    name: "工行沈阳业务支行",
    nameEn: "ICBC Shenyang Business Sub-branch",
    amenities: [
      { code: "quiet_study", note: "为附近学生开放的安静学习区" },
      { code: "wifi" },
      { code: "stationery" },
    ],
  },
  {
    districtAdcode: 210404,
    name: "工行抚顺雷锋支行",
    nameEn: "ICBC Fushun Leifeng Sub-branch",
    amenities: [],
    story:
      "工行抚顺雷锋支行的前身是雷锋储蓄所。1961年，雷锋同志在这里存下了他的最后一笔存款。" +
      "如今，这里的工行驿站延续雷锋同志助人为乐的精神。",
  },
  {
    districtAdcode: 210105,
    name: "工行沈阳向工支行",
    nameEn: "ICBC Shenyang Xianggong Sub-branch",
    road: "向工街",
    amenities: [],
    story: "工行沈阳向工支行于2021年1月重新开业，方便周边领取养老金的离退休人员就近办理业务。",
  },
];

function districtBranch(cityAdcode: number, districtAdcode: number): { name: string; nameEn: string } {
  const city = CITY_STYLES[cityAdcode];
  const [short, en] = DISTRICT_STYLES[districtAdcode];
  // 抚顺县, 本溪县 …: "工行抚顺县支行", not "工行抚顺抚顺县支行".
  if (short.startsWith(city.short)) return { name: `工行${short}支行营业室`, nameEn: `ICBC ${en} Sub-branch` };
  return { name: `工行${city.short}${short}支行营业室`, nameEn: `ICBC ${city.en} ${en} Sub-branch` };
}

// ---------------------------------------------------------------------------------------------------------
// Placement and naming of every station

interface PlacedStation {
  code: string;
  name: string;
  nameEn: string | null;
  cityAdcode: number;
  districtAdcode: number;
  position: Lnglat;
  address: string;
  named?: NamedBranch;
}

/** Spread of stations around the seat: ~0.8 km for a small county town, up to 4 km for 甘井子区 or 铁西区. */
function spreadKm(urbanPopulation: number): number {
  return Math.min(4, Math.max(0.8, 3 * Math.sqrt(urbanPopulation / 1e6)));
}

function placeStations(cities: readonly City[], allocation: Map<number, number>): PlacedStation[] {
  const placed: PlacedStation[] = [];
  for (const city of cities) {
    const usedRoads = new Set<string>();
    for (const county of city.counties) {
      const rng = new Random(`district:${county.adcode}`);
      const count = allocation.get(county.adcode) ?? 0;
      const roads = [
        ...rng.shuffle(DISTRICT_ROADS[county.adcode] ?? []),
        ...rng.shuffle(COMMON_ROADS),
      ];
      const nextRoad = (): string => {
        const road = roads.find((r) => !usedRoads.has(r));
        if (!road) throw new Error(`Ran out of road names in ${city.name}`);
        usedRoads.add(road);
        return road;
      };
      // Slot 0 is the district branch; the named branches of the district come next, then road-named ones.
      const head = districtBranch(city.adcode, county.adcode);
      const named = NAMED_BRANCHES.filter((b) => b.districtAdcode === county.adcode);
      for (const b of named) if (b.road) usedRoads.add(b.road);
      const slots: { name: string; nameEn: string | null; road?: string; named?: NamedBranch }[] = [
        { ...head, named: named.find((b) => b.name === head.name) },
        ...named
          .filter((b) => b.name !== head.name)
          .map((b) => ({ name: b.name, nameEn: b.nameEn ?? null, road: b.road, named: b })),
      ];
      if (slots.length > count) throw new Error(`Too few stations in ${county.name} for its named branches`);
      for (let k = 0; k < count; k++) {
        const slot = slots[k];
        const road = slot?.road ?? nextRoad();
        const name = slot?.name ?? `工行${CITY_STYLES[city.adcode].short}${road}${rng.chance(0.65) ? "支行" : "分理处"}`;
        // The district branch sits at the seat; the others spread over the built-up area around it.
        const sigmaKm = k === 0 ? 0.3 : spreadKm(county.urbanPopulation);
        const position = samplePosition(rng, county, sigmaKm, placed);
        placed.push({
          code: `LN${county.adcode}${String(k + 1).padStart(3, "0")}`,
          name,
          nameEn: slot?.nameEn ?? null,
          cityAdcode: city.adcode,
          districtAdcode: county.adcode,
          position,
          address: `辽宁省${city.name}${county.name}${road}${rng.int(1, 399)}号`,
          named: slot?.named,
        });
      }
    }
  }
  return placed;
}

function samplePosition(rng: Random, county: County, sigmaKm: number, placed: readonly PlacedStation[]): Lnglat {
  const [lng0, lat0] = county.anchor;
  for (let attempt = 0; attempt < 20_000; attempt++) {
    const candidate: Lnglat = [
      round(lng0 + (rng.gaussian() * sigmaKm * 1000) / mPerDegLng(lat0), 6),
      round(lat0 + (rng.gaussian() * sigmaKm * 1000) / M_PER_DEG_LAT, 6),
    ];
    if (!booleanPointInPolygon(candidate, county.feature)) continue;
    if (placed.some((s) => distanceM(s.position, candidate) < MIN_SPACING_M)) continue;
    return candidate;
  }
  throw new Error(`Could not place a station in ${county.name}`);
}

// ---------------------------------------------------------------------------------------------------------
// Attributes: hours, status, notices, amenities, verification dates

interface AmenityType {
  code: string;
  isStandard: boolean;
}

/** Share of stations offering each optional amenity: plausible guesses, not measured from real stations. */
const AMENITY_SHARE: Record<string, number> = {
  toilet: 0.6,
  hot_water_microwave: 0.5,
  anti_fraud_corner: 0.5,
  umbrella_loan: 0.45,
  emergency_medicine: 0.4,
  reading_glasses: 0.35,
  newspapers_books: 0.35,
  sewing_kit: 0.25,
  stationery: 0.15,
  wheelchair: 0.1,
  poverty_relief_goods: 0.08,
  appointment_home_service: 0.08,
  quiet_study: 0.05,
  military_service: 0.04,
};

const LIMITED_NOTES: Record<string, readonly string[]> = {
  wheelchair: ["轮椅仅限一台，请向大堂经理登记借用"],
  hot_water_microwave: ["微波炉仅午间 11:30–13:30 可用", "仅提供热水，暂无微波炉"],
  toilet: ["卫生间位于二楼，需由工作人员引导"],
  quiet_study: ["学习区仅有 6 个座位"],
  umbrella_loan: ["爱心雨伞数量有限，借出后请尽快归还"],
  appointment_home_service: ["上门服务限行动不便的老年客户，请提前一天预约"],
  newspapers_books: ["仅提供当日报纸"],
};
const LIMITED_SHARE = 0.04;

const PUBLIC_NOTICES: readonly string[] = [
  "冬季（12月至次年2月）驿站为户外劳动者免费提供姜茶。",
  "雨雪天气可在大堂借用爱心雨伞，次日归还即可。",
  "每月第一个周六上午举办反诈骗知识讲座，欢迎周边居民参加。",
  "驿站热水供应时间为 9:00–16:00。",
  "环卫工人可在驿站免费加热午餐，微波炉位于大堂休息区。",
  "高温天气期间驿站提供绿豆汤和防暑药品。",
  "驿站新增老年人助老服务窗口，可协助使用智能手机办理业务。",
  "外卖和快递骑手可在驿站免费充电、饮水和短暂休息。",
];

const CLOSURE_REASONS: readonly string[] = [
  "网点营业厅装修改造",
  "网点消防设施改造",
  "营业厅供暖管道维修",
  "网点设备升级改造",
  "营业厅装修",
];

const dayMs = 86_400_000;
const dayIndex = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / dayMs;
const isoFromIndex = (index: number) => new Date(index * dayMs).toISOString().slice(0, 10);
const chineseDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

function datetimeOn(rng: Random, isoDate: string): string {
  const minutes = rng.int(9 * 60, 16 * 60 + 30);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${isoDate}T${hh}:${mm}:00+08:00`;
}

/** Most checks are recent (≤ 90 days), some older, and a tenth stale (> 180 days) so the UI can flag them. */
function verificationDay(rng: Random): string {
  const today = dayIndex(REFERENCE_DAY);
  const earliestAgo = today - dayIndex(EARLIEST_VERIFICATION_DAY);
  const latestAgo = today - dayIndex(LATEST_VERIFICATION_DAY);
  const [minAgo, maxAgo] = rng.weighted<readonly [number, number]>([
    [[latestAgo, 90], 0.72],
    [[91, 180], 0.18],
    [[181, earliestAgo], 0.1],
  ]);
  return isoFromIndex(today - rng.int(minAgo, maxAgo));
}

type WeeklyPeriod = { day: number; opens: string; closes: string };
type Exception = NonNullable<StationRecordInput["openingHours"]["exceptions"]>[number];

function weeklyHours(rng: Random): WeeklyPeriod[] {
  const [opens, closes] = rng.weighted<readonly [string, string]>([
    [["09:00", "17:00"], 0.7],
    [["08:30", "17:00"], 0.15],
    [["09:00", "17:30"], 0.15],
  ]);
  const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes }));
  if (!rng.chance(0.25)) return weekdays;
  const weekendOpens = rng.pick(["09:00", "09:30"]);
  return [...weekdays, ...[6, 7].map((day) => ({ day, opens: weekendOpens, closes: "16:00" }))];
}

function holidayExceptions(rng: Random, weekly: readonly WeeklyPeriod[]): Exception[] {
  const exceptions: Exception[] = [];
  if (rng.chance(0.03)) {
    exceptions.push({
      kind: "special_hours", startsOn: "2026-12-31", endsOn: "2026-12-31", closed: false,
      opens: "09:00", closes: "15:00", note: "年终决算日提前闭馆",
    });
  }
  if (rng.chance(0.4)) {
    exceptions.push({ kind: "holiday", startsOn: "2027-01-01", endsOn: "2027-01-01", closed: true, note: "元旦假期暂停营业" });
  }
  const opensWeekends = weekly.some((p) => p.day >= 6);
  if (opensWeekends && rng.chance(0.6)) {
    exceptions.push({ kind: "holiday", startsOn: "2027-02-06", endsOn: "2027-02-12", closed: true, note: "春节假期暂停营业" });
  }
  return exceptions;
}

function amenitiesFor(
  rng: Random,
  types: readonly AmenityType[],
  verifiedAt: string,
  verifiedDay: string,
  required: NamedBranch["amenities"],
): NonNullable<StationRecordInput["amenities"]> {
  const earliest = dayIndex(EARLIEST_VERIFICATION_DAY);
  return types.flatMap((type) => {
    const forced = required.find((r) => r.code === type.code);
    if (!type.isStandard && !forced && !rng.chance(AMENITY_SHARE[type.code])) return [];
    const limitedNotes = LIMITED_NOTES[type.code];
    const limited = !forced && limitedNotes !== undefined && rng.chance(LIMITED_SHARE);
    // Optional amenities are sometimes checked on an earlier visit than the station as a whole.
    const checkedAt =
      type.isStandard || rng.chance(0.7)
        ? verifiedAt
        : datetimeOn(rng, isoFromIndex(Math.max(earliest, dayIndex(verifiedDay) - rng.int(7, 60))));
    const note = limited ? rng.pick(limitedNotes) : forced?.note;
    return [{ code: type.code, availability: limited ? "limited" : "available", ...(note ? { note } : {}), checkedAt }];
  });
}

function nearestOpen(station: PlacedStation, all: readonly PlacedStation[], unavailable: Set<string>): PlacedStation {
  const candidates = all.filter((s) => s.cityAdcode === station.cityAdcode && !unavailable.has(s.code));
  return candidates.reduce((best, s) =>
    distanceM(s.position, station.position) < distanceM(best.position, station.position) ? s : best,
  );
}

function phoneNumber(rng: Random, cityAdcode: number, used: Set<string>): string {
  const style = CITY_STYLES[cityAdcode];
  for (;;) {
    const prefix = rng.pick(style.localPrefixes);
    let digits = prefix;
    while (digits.length < style.localDigits) digits += String(rng.int(0, 9));
    const phone = `${style.areaCode}-${digits}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The dataset

export interface SampleDataset {
  description: string;
  generatedBy: string;
  stations: StationRecordInput[];
}

const DESCRIPTION =
  "SYNTHETIC SAMPLE — 合成示例数据，不是中国工商银行的真实网点或工行驿站名单。" +
  "571 个站点按 2020 年人口普查城镇人口比例分配到辽宁 14 市 100 个县级单位，位置、地址、电话、营业时间与服务设施均为程序生成；" +
  "少数网点名称（如工行抚顺雷锋支行）是真实的支行名称，但其位置、地址和电话同样是虚构的。" +
  "Synthetic sample of 571 stations; not the bank's real list. See data/PROVENANCE.md.";

export function generateSampleDataset(): SampleDataset {
  const cities = loadCities();
  const placed = placeStations(cities, allocate(cities));
  const amenityTypes: AmenityType[] = JSON.parse(readFileSync(new URL("amenity-types.json", DATA_DIR), "utf8"));
  for (const type of amenityTypes) {
    if (!type.isStandard && AMENITY_SHARE[type.code] === undefined) {
      throw new Error(`No share configured for amenity ${type.code}`);
    }
  }

  // Special states go to ordinary stations in districts with several, so no district loses its only station.
  const pickRng = new Random("special-states");
  const perDistrict = new Map<number, number>();
  for (const s of placed) perDistrict.set(s.districtAdcode, (perDistrict.get(s.districtAdcode) ?? 0) + 1);
  const ordinary = placed.filter(
    (s) => !s.named && !s.code.endsWith("001") && (perDistrict.get(s.districtAdcode) ?? 0) >= 3,
  );
  const pool = pickRng.shuffle(ordinary).map((s) => s.code);
  const closed = new Set(pool.splice(0, 3));
  const temporarilyClosed = new Set(pool.splice(0, 5));
  const unknownHours = new Set(pool.splice(0, 8));
  const withNotice = new Set(pool.splice(0, PUBLIC_NOTICES.length));
  const notServing = new Set([...closed, ...temporarilyClosed]);
  const noticeQueue = [...PUBLIC_NOTICES];

  const phones = new Set<string>();
  const stations = placed.map((s): StationRecordInput => {
    const rng = new Random(`station:${s.code}`);
    const closure = temporarilyClosed.has(s.code)
      ? {
          startsOn: isoFromIndex(dayIndex(LATEST_VERIFICATION_DAY) - rng.int(0, 20)),
          endsOn: rng.pick(["2026-12-15", "2026-12-31", "2027-01-10", "2027-01-20", "2027-01-31"]),
          reason: rng.pick(CLOSURE_REASONS),
        }
      : null;
    // A temporarily closed station was last checked when its closure was posted.
    const verifiedDay = closure?.startsOn ?? verificationDay(rng);
    const verifiedAt = datetimeOn(rng, verifiedDay);
    const record: StationRecordInput = {
      id: stationIdFromCode(s.code),
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      address: s.address,
      cityAdcode: s.cityAdcode,
      districtAdcode: s.districtAdcode,
      lat: s.position[1],
      lng: s.position[0],
      phone: phoneNumber(rng, s.cityAdcode, phones),
      status: "open",
      notice: null,
      story: s.named?.story ?? null,
      verifiedAt,
      openingHours: { weekly: [], exceptions: [] },
      amenities: amenitiesFor(rng, amenityTypes, verifiedAt, verifiedDay, s.named?.amenities ?? []),
    };

    if (closed.has(s.code)) {
      const mergedInto = nearestOpen(s, placed, notServing);
      const closedOn = isoFromIndex(dayIndex(verifiedDay) - rng.int(0, 20));
      const newAddress = mergedInto.address.replace(/^辽宁省/, "");
      record.status = "closed";
      record.phone = null;
      record.notice = `该网点已于${chineseDate(closedOn)}撤并至${mergedInto.name}（${newAddress}），驿站服务随迁，敬请前往新址。`;
      return record;
    }

    const weekly = unknownHours.has(s.code) ? [] : weeklyHours(rng);
    const holidays = weekly.length > 0 ? holidayExceptions(rng, weekly) : [];
    record.openingHours = { weekly, exceptions: holidays };

    if (closure) {
      const alternative = nearestOpen(s, placed, notServing);
      record.status = "temporarily_closed";
      record.notice =
        `因${closure.reason}，本网点自${chineseDate(closure.startsOn)}起暂停营业，预计${chineseDate(closure.endsOn)}恢复。` +
        `期间请前往附近的${alternative.name}办理业务或使用驿站服务。`;
      record.openingHours.exceptions = [
        { kind: "temporary_closure", startsOn: closure.startsOn, endsOn: closure.endsOn, closed: true, note: closure.reason },
        ...holidays.filter((e) => e.startsOn > closure.endsOn),
      ];
    } else if (withNotice.has(s.code)) {
      record.notice = noticeQueue.shift() ?? null;
    }
    return record;
  });

  return {
    description: DESCRIPTION,
    generatedBy: "scripts/generate-sample-stations.ts (npm run data:generate), seed " + SEED,
    stations,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Simplified boundaries for the map

/**
 * Douglas–Peucker tolerance in degrees (0.01° ≈ 0.9 km here), chosen for small files: cities ~50 KB,
 * districts ~110 KB. Districts under 500 km² (the urban ones, which users zoom into) keep more detail.
 */
const BOUNDARY_LAYERS = [
  { source: "province", target: "liaoning-province", tolerance: () => 0.008 },
  { source: "cities", target: "liaoning-cities", tolerance: () => 0.008 },
  { source: "counties", target: "liaoning-districts", tolerance: (areaKm2: number) => (areaKm2 < 500 ? 0.0045 : 0.01) },
] as const;
/** Islets below this size are invisible at the zoom levels that show boundaries, but cost many vertices. */
const MIN_ISLAND_KM2 = 0.5;

function ringAreaKm2(ring: Position[]): number {
  const kx = mPerDegLng(ring[0][1]) / 1000;
  const ky = M_PER_DEG_LAT / 1000;
  let twice = 0;
  for (let i = 1; i < ring.length; i++) {
    twice += ring[i - 1][0] * kx * ring[i][1] * ky - ring[i][0] * kx * ring[i - 1][1] * ky;
  }
  return Math.abs(twice / 2);
}

/** Rounds to 4 decimals (~10 m), drops the repeated vertices rounding creates and rings that collapse. */
function roundRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const [lng, lat] of ring) {
    const p = [round(lng, 4), round(lat, 4)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}

function roundPolygon(polygon: Position[][]): Position[][] | null {
  const [outer, ...holes] = polygon.map(roundRing);
  if (!outer) return null;
  return [outer, ...holes.filter((h): h is Position[] => h !== null)];
}

function simplifyBoundaries(layer: (typeof BOUNDARY_LAYERS)[number], datum: "wgs84" | "gcj02"): FeatureCollection {
  const collection = readGeo(`liaoning_${layer.source}.${datum}.geojson`);
  const features = collection.features.map((feature): Feature => {
    const parts = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const areas = parts.map((p) => ringAreaKm2(p[0]));
    const largest = areas.indexOf(Math.max(...areas));
    const kept = parts.filter((_, i) => areas[i] >= MIN_ISLAND_KM2 || i === largest);
    const tolerance = layer.tolerance(areas.reduce((a, b) => a + b, 0));
    const simplified = simplify({ type: "MultiPolygon", coordinates: kept } as MultiPolygon, { tolerance, highQuality: true });
    const polygons = simplified.coordinates.map(roundPolygon).filter((p): p is Position[][] => p !== null);
    const p = feature.properties;
    return {
      type: "Feature",
      properties: {
        adcode: p.adcode,
        name: p.name,
        ...(layer.source === "counties" ? { city_adcode: p.city_adcode } : {}),
        pop_2020: p.pop_2020,
      },
      geometry:
        polygons.length === 1
          ? { type: "Polygon", coordinates: polygons[0] }
          : { type: "MultiPolygon", coordinates: polygons },
    };
  });
  return { type: "FeatureCollection", features };
}

// ---------------------------------------------------------------------------------------------------------
// Output

/** Pretty JSON, but objects and arrays without nested ones on one line: readable and diffable. */
function formatJson(value: unknown, indent = ""): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((v) => ["", v]) : Object.entries(value);
  const item = ([key, v]: [string, unknown], nextIndent: string) =>
    (isArray ? "" : `${JSON.stringify(key)}: `) + formatJson(v, nextIndent);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return open + close;
  if (entries.every(([, v]) => typeof v !== "object" || v === null)) {
    const body = entries.map((e) => item(e, indent)).join(", ");
    return isArray ? `[${body}]` : `{ ${body} }`;
  }
  const inner = indent + "  ";
  return `${open}\n${entries.map((e) => inner + item(e, inner)).join(",\n")}\n${indent}${close}`;
}

function main(): void {
  const dataset = generateSampleDataset();
  writeFileSync(new URL("sample-stations.json", DATA_DIR), formatJson(dataset) + "\n");

  mkdirSync(PUBLIC_GEO_DIR, { recursive: true });
  for (const layer of BOUNDARY_LAYERS) {
    for (const datum of ["wgs84", "gcj02"] as const) {
      const file = new URL(`${layer.target}.${datum}.json`, PUBLIC_GEO_DIR);
      const text = JSON.stringify(simplifyBoundaries(layer, datum)) + "\n";
      writeFileSync(file, text);
      console.log(`wrote ${fileURLToPath(file)} (${Math.round(Buffer.byteLength(text) / 1024)} KB)`);
    }
  }

  const byCity = new Map<number, { total: number; districts: Set<number> }>();
  for (const s of dataset.stations) {
    const entry = byCity.get(s.cityAdcode) ?? { total: 0, districts: new Set<number>() };
    entry.total++;
    entry.districts.add(s.districtAdcode);
    byCity.set(s.cityAdcode, entry);
  }
  console.log(`wrote ${fileURLToPath(new URL("sample-stations.json", DATA_DIR))}: ${dataset.stations.length} stations`);
  for (const [adcode, { total, districts }] of [...byCity].sort(([a], [b]) => a - b)) {
    const name = CITY_STYLES[adcode].short.padEnd(3, "\u3000");
    console.log(`  ${adcode} ${name} ${String(total).padStart(4)} stations in ${districts.size} districts`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
