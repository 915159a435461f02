export * from "./config/env-schemas";
export * from "./config/load-config";
export * from "./logging/logger";
export * from "./logging/mask";
export * from "./schema/format-issues";
export * from "./schema/iso-duration";
export * from "./schema/json-value";
export * from "./schema/primitives";
