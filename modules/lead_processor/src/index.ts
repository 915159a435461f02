export * from "./api";
export * from "./config";
export * from "./db/api-keys.table";
export * from "./db/create-tables";
export { createDocumentClient } from "./db/dynamo";
export * from "./db/table-names";
