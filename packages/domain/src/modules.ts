/** The seven modules of PRODUCT.md, in the report's order; `status` is what the platform can do today. */
export const MODULES = [
  {
    key: "supervisionTasks",
    path: "supervision-tasks",
    zh: "督察整改",
    en: "Supervision tasks",
    status: "available",
    publishes: { zh: "督察整改进展公开", en: "Rectification progress of inspection findings" },
  },
  {
    key: "indicators",
    path: "indicators",
    zh: "环境质量指标",
    en: "Indicators",
    status: "available",
    publishes: { zh: "空气、水环境质量实况与历史数据、开放数据", en: "Live and historical air and water quality, open data" },
  },
  {
    key: "enforcement",
    path: "enforcement",
    zh: "执法监管",
    en: "Enforcement",
    status: "planned",
    publishes: { zh: "双随机抽查结果、行政处罚决定", en: "Random inspection results, penalty decisions" },
  },
  {
    key: "approvals",
    path: "approvals",
    zh: "环评审批",
    en: "Approvals",
    status: "planned",
    publishes: { zh: "环评受理与审批公示", en: "EIA acceptance and decision notices" },
  },
  {
    key: "petitions",
    path: "petitions",
    zh: "信访网格",
    en: "Petitions & grid",
    status: "planned",
    publishes: { zh: "在线投诉与进度查询（举报人信息严格保密）", en: "Submit and track a complaint (reporters stay anonymous)" },
  },
  {
    key: "risk",
    path: "risk",
    zh: "风险应急",
    en: "Risk & emergency",
    status: "planned",
    publishes: { zh: "饮用水水源保护与应急信息", en: "Drinking-water source protection and emergency notices" },
  },
  {
    key: "reports",
    path: "reports",
    zh: "工作报告",
    en: "Reports",
    status: "planned",
    publishes: { zh: "半年及年度工作报告", en: "Half-year and annual work reports" },
  },
] as const;

export type ModuleKey = (typeof MODULES)[number]["key"];
export type ModuleStatus = "available" | "planned";
