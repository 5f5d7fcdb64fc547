/** API responses shaped like the demo data (packages/db/src/seed.ts), for unit tests only. */
export const DISTRICT_RESPONSE = {
  district: { code: "QY01", name: "青山区", nameEn: "Qingshan District" },
  towns: [
    { code: "QY01-01", name: "城关街道", nameEn: "Chengguan Street", kind: "street", population: 186000, areaKm2: 21.4 },
    { code: "QY01-02", name: "河东街道", nameEn: "Hedong Street", kind: "street", population: 142500, areaKm2: 18.9 },
    { code: "QY01-03", name: "滨江街道", nameEn: "Binjiang Street", kind: "street", population: 98300, areaKm2: 26.2 },
    { code: "QY01-04", name: "青石镇", nameEn: "Qingshi Town", kind: "town", population: 64800, areaKm2: 88.5 },
    { code: "QY01-05", name: "白沙镇", nameEn: "Baisha Town", kind: "town", population: 51200, areaKm2: 102.3 },
    { code: "QY01-06", name: "桃源镇", nameEn: "Taoyuan Town", kind: "town", population: 43900, areaKm2: 117.8 },
    { code: "QY01-07", name: "龙泉镇", nameEn: "Longquan Town", kind: "town", population: 38600, areaKm2: 95.1 },
    { code: "QY01-08", name: "石门镇", nameEn: "Shimen Town", kind: "town", population: 29700, areaKm2: 131.6 },
  ],
};

export const DISTRICTS_RESPONSE = {
  items: [
    { code: "QY01", name: "青山区", nameEn: "Qingshan District", isHome: true },
    { code: "QY02", name: "东湖区", nameEn: "Donghu District", isHome: false },
    { code: "QY03", name: "西岭区", nameEn: "Xiling District", isHome: false },
    { code: "QY04", name: "南港区", nameEn: "Nangang District", isHome: false },
    { code: "QY05", name: "北塘区", nameEn: "Beitang District", isHome: false },
    { code: "QY06", name: "云溪区", nameEn: "Yunxi District", isHome: false },
  ],
};

export const MODULES_RESPONSE = {
  items: [
    { key: "supervisionTasks", zh: "督察整改", en: "Supervision tasks", status: "planned", publishes: { zh: "督察整改进展公开", en: "Rectification progress of inspection findings" } },
    { key: "indicators", zh: "环境质量指标", en: "Indicators", status: "available", publishes: { zh: "空气、水环境质量实况与历史数据、开放数据", en: "Live and historical air and water quality, open data" } },
    { key: "petitions", zh: "信访网格", en: "Petitions & grid", status: "planned", publishes: { zh: "在线投诉与进度查询（举报人信息严格保密）", en: "Submit and track a complaint (reporters stay anonymous)" } },
  ],
};

export const OPENAPI_RESPONSE = {
  openapi: "3.1.0",
  paths: {
    "/api/v1/district": { get: { summary: "本区基本信息及所辖镇街 / Our district and its towns and streets" } },
    "/api/v1/districts": { get: { summary: "全市各区（排名范围） / All districts of the city (the ranking set)" } },
    "/api/v1/modules": { get: { summary: "平台模块及其公开内容 / Platform modules and what each publishes" } },
  },
};
