export * from "./job-run.schema";
