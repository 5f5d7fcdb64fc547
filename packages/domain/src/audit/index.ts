export * from "./audit.schema";
