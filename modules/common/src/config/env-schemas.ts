import { z } from "zod";

/** `true`/`false`/`1`/`0` environment flags. */
export const envBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A TCP port number from an environment variable. */
export const envPort = z.coerce.number().int().min(0).max(65535);

/** An http(s) URL without a trailing slash. */
export const envUrl = z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/+$/, ""));

/** Log output: `json` for production (one object per line), `pretty` for people. */
export const logFormat = z.enum(["json", "pretty"]).default("json");
export const logLevel = z.enum(["debug", "info", "warn", "error"]).default("info");
