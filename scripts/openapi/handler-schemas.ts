// The schemas and types the handlers parse with and answer (`modules/lead_processor/src/docs.ts`), imported
// from the source file rather than the package index, so importing `lead-processor` stays light for everyone
// else (the docs file pulls in every handler module).
export * as apiSchemas from "../../modules/lead_processor/src/docs";
