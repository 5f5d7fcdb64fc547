export * from "./job-run.schema";
export * from "./job-run.ports";
