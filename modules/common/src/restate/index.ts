export * from "./errors";
export * from "./logger-transport";
export * from "./parse";
export * from "./serdes";
