export * from "./auth.schema";
export * from "./auth.rules";
export * from "./auth.errors";
export * from "./auth.ports";
export * from "./auth.use-cases";
