export * from "./shared/domain-error";
export * from "./shared/ports";
export * from "./modules";
