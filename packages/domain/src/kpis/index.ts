export * from "./kpi.schema";
export * from "./kpi.rules";
export * from "./kpi.errors";
export * from "./kpi.ports";
export * from "./kpi.use-cases";
