/** Open-data responses shaped like the demo city's water sections, for unit tests only. */
const section = (code: string, name: string, districtCode: string, target: string, latest: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  districtCode,
  districtName: districtCode === "QY01" ? "青山区" : "云溪区",
  districtNameEn: districtCode === "QY01" ? "Qingshan District" : "Yunxi District",
  kind: "national",
  waterbody: "river",
  targetClass: target,
  lat: 30.1,
  lon: 114.9,
  latest,
  ...extra,
});
const latest = (waterClass: string, meetsTarget: boolean, extra: Record<string, unknown> = {}) => ({
  time: "2026-11-07T09:00:00+08:00",
  class: waterClass === "worse_than_V" ? "劣V" : waterClass,
  waterClass,
  deciding: ["nh3n", "tp"],
  items: "manual_21",
  source: "manual",
  status: "preliminary",
  meetsTarget,
  ...extra,
});

export const SECTIONS_RESPONSE = {
  items: [
    section("QYW01", "青山河入江口", "QY01", "III", latest("III", true)),
    section("QYW02", "青山河城关桥", "QY01", "III", latest("IV", false, { deciding: ["codmn"], status: "audited" })),
    section("QYW03", "白沙溪青石桥", "QY01", "IV", null, { kind: "municipal" }),
    section("QYW04", "清源水库坝前", "QY06", "II", latest("II", true, { items: "auto_5", source: "auto" }), { waterbody: "lake" }),
  ],
};

export const CLASSES_RESPONSE = {
  from: "2026-01-01",
  to: "2026-11-28",
  items: [
    { sectionCode: "QYW01", sectionName: "青山河入江口", districtCode: "QY01", time: "2026-10-11T09:00:00+08:00", class: "II", waterClass: "II", deciding: ["do"], items: "manual_21", source: "manual", status: "audited", meetsTarget: true, cwqi: 4.21, targetClass: "III" },
    { sectionCode: "QYW01", sectionName: "青山河入江口", districtCode: "QY01", time: "2026-11-07T09:00:00+08:00", class: "III", waterClass: "III", deciding: ["nh3n", "tp"], items: "manual_21", source: "manual", status: "preliminary", meetsTarget: true, cwqi: 5.6147977, targetClass: "III" },
  ],
};
