export * from "./app";
export * from "./config";
export * from "./core/faults";
export * from "./core/recorder";
export * from "./seed";
export * from "./serve";
export * from "./settings/catalog";
export * from "./settings/settings";
