import { DEMO_DISTRICTS } from "../seed";

/**
 * The demo city's monitoring network: air stations (3–5 per district, all of 清源市 since the rank
 * is among its districts) and surface-water sections. Fictional places around one city centre.
 */

/** What shapes a station's readings: traffic sites see NO2/CO peaks, industrial ones SO2, background sites little. */
export type StationProfile = "urban" | "traffic" | "industrial" | "suburban" | "background";

export interface DemoAirStation {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  lat: number;
  lon: number;
  profile: StationProfile;
}

const CENTRES: Record<string, { lat: number; lon: number }> = {
  QY01: { lat: 30.1215, lon: 114.8632 },
  QY02: { lat: 30.1348, lon: 114.9641 },
  QY03: { lat: 30.1027, lon: 114.7415 },
  QY04: { lat: 30.0309, lon: 114.8827 },
  QY05: { lat: 30.2116, lon: 114.8513 },
  QY06: { lat: 30.0124, lon: 114.7236 },
};

const districtName = (code: string) => DEMO_DISTRICTS.find((d) => d.code === code)?.name ?? code;

type StationSpec = [code: string, name: string, profile: StationProfile, dLat: number, dLon: number];
const SPECS: StationSpec[] = [
  ["QY01-A01", "青山区监测站", "urban", 0, 0],
  ["QY01-A02", "城关子站", "traffic", 0.0081, -0.0113],
  ["QY01-A03", "滨江公园", "urban", -0.0142, 0.0167],
  ["QY01-A04", "青石镇站", "suburban", 0.0365, -0.0421],
  ["QY02-A01", "东湖区监测站", "urban", 0, 0],
  ["QY02-A02", "湖滨路", "traffic", -0.0093, 0.0121],
  ["QY02-A03", "东湖风景区", "background", 0.0214, 0.0305],
  ["QY02-A04", "高新区", "urban", -0.0257, -0.0162],
  ["QY03-A01", "西岭区监测站", "urban", 0, 0],
  ["QY03-A02", "西岭森林公园", "background", 0.0312, -0.0387],
  ["QY03-A03", "岭南镇", "suburban", -0.0296, 0.0104],
  ["QY04-A01", "南港区监测站", "urban", 0, 0],
  ["QY04-A02", "港口作业区", "industrial", -0.0125, 0.0268],
  ["QY04-A03", "化工园区", "industrial", -0.0281, -0.0199],
  ["QY04-A04", "南港大道", "traffic", 0.0117, 0.0052],
  ["QY05-A01", "北塘区监测站", "urban", 0, 0],
  ["QY05-A02", "北塘工业园", "industrial", 0.0193, 0.0226],
  ["QY05-A03", "塘口镇", "suburban", 0.0348, -0.0281],
  ["QY06-A01", "云溪区监测站", "urban", 0, 0],
  ["QY06-A02", "云溪湿地", "background", -0.0267, -0.0318],
  ["QY06-A03", "溪口镇", "suburban", 0.0223, -0.0455],
  ["QY06-A04", "云溪新城", "urban", 0.0151, 0.0196],
  ["QY06-A05", "云溪经开区", "industrial", -0.0102, 0.0347],
];

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The demo city's 23 air stations (清源市, six districts). */
export const DEMO_AIR_STATIONS: readonly DemoAirStation[] = SPECS.map(([code, name, profile, dLat, dLon]) => {
  const districtCode = code.slice(0, 4);
  const c = CENTRES[districtCode]!;
  return { code, name, districtCode, districtName: districtName(districtCode), lat: round4(c.lat + dLat), lon: round4(c.lon + dLon), profile };
});

const PROFILE_CYCLE: StationProfile[] = ["urban", "traffic", "suburban", "industrial", "urban", "background"];

/**
 * `count` stations spread round-robin over the six demo districts, for the benchmark
 * (codes `QY01-B001` …; profiles cycle so the mix matches the demo network).
 */
export function benchAirStations(count: number): DemoAirStation[] {
  return Array.from({ length: count }, (_, i) => {
    const district = DEMO_DISTRICTS[i % DEMO_DISTRICTS.length]!;
    const n = Math.floor(i / DEMO_DISTRICTS.length) + 1;
    const c = CENTRES[district.code]!;
    // A small spiral around the district centre keeps the points distinct and inside the city.
    const angle = i * 2.39996;
    const r = 0.004 * Math.sqrt(n + 1);
    return {
      code: `${district.code}-B${String(n).padStart(3, "0")}`,
      name: `${district.name}第${n}监测点`,
      districtCode: district.code,
      districtName: district.name,
      lat: round4(c.lat + r * Math.sin(angle)),
      lon: round4(c.lon + r * Math.cos(angle)),
      profile: PROFILE_CYCLE[i % PROFILE_CYCLE.length]!,
    };
  });
}

export type SectionKind = "national" | "provincial" | "municipal";
export type SectionWaterbody = "river" | "lake";
export type SectionTargetClass = "II" | "III" | "IV";

export interface DemoWaterSection {
  code: string;
  name: string;
  districtCode: string;
  kind: SectionKind;
  waterbody: SectionWaterbody;
  targetClass: SectionTargetClass;
  lat: number;
  lon: number;
  /**
   * How loaded the section is, as a fraction of its target class's limits (0.5 = comfortably inside,
   * 1.1 = usually a little over): drives the generated samples, so some sections miss their target.
   */
  load: number;
}

/** Eight demo sections: one national-assessment (国考) river outlet, rivers, a reservoir and a lake. */
export const DEMO_WATER_SECTIONS: readonly DemoWaterSection[] = [
  { code: "QYW01", name: "青山河入江口", districtCode: "QY01", kind: "national", waterbody: "river", targetClass: "III", lat: 30.1092, lon: 114.9013, load: 0.78 },
  { code: "QYW02", name: "青山河城关桥", districtCode: "QY01", kind: "provincial", waterbody: "river", targetClass: "III", lat: 30.1276, lon: 114.8571, load: 0.92 },
  { code: "QYW03", name: "白沙溪青石桥", districtCode: "QY01", kind: "municipal", waterbody: "river", targetClass: "IV", lat: 30.1581, lon: 114.8209, load: 0.83 },
  { code: "QYW04", name: "清源水库坝前", districtCode: "QY06", kind: "national", waterbody: "lake", targetClass: "II", lat: 29.9871, lon: 114.6902, load: 0.62 },
  { code: "QYW05", name: "东湖湖心", districtCode: "QY02", kind: "provincial", waterbody: "lake", targetClass: "III", lat: 30.1419, lon: 114.9852, load: 1.02 },
  { code: "QYW06", name: "西岭溪出山口", districtCode: "QY03", kind: "provincial", waterbody: "river", targetClass: "II", lat: 30.1133, lon: 114.7108, load: 0.55 },
  { code: "QYW07", name: "南港河港区段", districtCode: "QY04", kind: "municipal", waterbody: "river", targetClass: "IV", lat: 30.0228, lon: 114.9071, load: 1.08 },
  { code: "QYW08", name: "北塘河塘口", districtCode: "QY05", kind: "municipal", waterbody: "river", targetClass: "IV", lat: 30.2283, lon: 114.8317, load: 0.9 },
];
