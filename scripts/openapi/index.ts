export * from "./document";
export * from "./operations";
export * from "./stable-json";
