export * from "./dynamo";
export * from "./env";
export * from "./managed-process";
export * from "./ports";
export * from "./restate-server";
export * from "./stack";
export * from "./system-node";
export * from "./wait";
