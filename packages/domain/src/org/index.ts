export * from "./org.schema";
