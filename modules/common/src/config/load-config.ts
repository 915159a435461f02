import type { z } from "zod";

/** Thrown when a deployable's settings are missing or invalid; `problems` lists one line per setting. */
export class ConfigError extends Error {
    constructor(
        readonly service: string,
        readonly problems: string[],
    ) {
        super(`${service} cannot start, its configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
    }
}

/**
 * Parses process environment variables with a deployable's zod schema.
 * Empty strings count as unset, so a blank line in `.env` falls back to the default.
 */
export function loadConfig<S extends z.ZodType>(
    service: string,
    schema: S,
    env: Record<string, string | undefined> = process.env,
): z.output<S> {
    const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
    const result = schema.safeParse(cleaned);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "(root)";
        const missing = issue.code === "invalid_type" && !(issue.path[0] !== undefined && issue.path[0] in cleaned);
        return missing ? `${name}: is required but not set` : `${name}: ${issue.message}`;
    });
    throw new ConfigError(service, problems);
}

/** Exits the process with the readable list when configuration is invalid; used by every `main.ts`. */
export function loadConfigOrExit<S extends z.ZodType>(service: string, schema: S): z.output<S> {
    try {
        return loadConfig(service, schema);
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(1);
        }
        throw error;
    }
}
