export * from "./org.schema";
export * from "./org.ports";
