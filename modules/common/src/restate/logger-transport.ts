import type { LoggerTransport } from "@restatedev/restate-sdk";
import type { Logger, LogLevel } from "../logging/logger";

const LEVELS: Record<string, LogLevel> = { trace: "debug", debug: "debug", info: "info", warn: "warn", error: "error" };

/**
 * Bridges Restate's logger to ours: drops lines while the invocation replays, and adds the invocation id and
 * target to every line so a lead's path can be followed from the admin UI to the logs.
 */
export function restateLoggerTransport(logger: Logger): LoggerTransport {
    return (meta, message?: unknown, ...rest: unknown[]) => {
        if (meta.replaying) return;
        const fields: Record<string, unknown> = {};
        if (meta.context) {
            fields.invocationId = meta.context.invocationId;
            fields.target = meta.context.invocationTarget;
        }
        const texts: string[] = [];
        for (const part of [message, ...rest]) {
            if (part instanceof Error) fields.error = { name: part.name, message: part.message };
            else if (typeof part === "string") texts.push(part);
            else if (part && typeof part === "object") Object.assign(fields, part);
            else if (part !== undefined) texts.push(String(part));
        }
        logger.write(LEVELS[meta.level] ?? "info", texts.join(" "), fields);
    };
}
