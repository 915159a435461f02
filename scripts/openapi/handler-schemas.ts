// The schemas and types the handlers parse with and answer, from the lead processor's `./docs` export rather
// than its package index, so importing `lead-processor` stays light for everyone else (the docs entry pulls in
// every handler module).
export * as apiSchemas from "lead-processor/docs";
