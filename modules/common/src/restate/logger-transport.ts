import type { LoggerTransport, LogMetadata } from "@restatedev/restate-sdk";
import type { Logger, LogLevel } from "../logging/logger";

const LEVELS: Record<string, LogLevel> = { trace: "debug", debug: "debug", info: "info", warn: "warn", error: "error" };

/**
 * The level a line of the Restate SDK is written at. The SDK's own lines about each invocation's course
 * ("Starting invocation.", "Invocation completed successfully.", source JOURNAL) are two per invocation and
 * carry nothing the admin UI does not show: they are debug, so a service at LOG_LEVEL=info does not pay for
 * them on every invocation. The handlers' own lines (`ctx.console`, source USER) and the SDK's warnings and
 * errors keep their level.
 */
export function sdkLineLevel(meta: Pick<LogMetadata, "level" | "source">): LogLevel {
    const level = LEVELS[meta.level] ?? "info";
    // `LogSource` is a type-only enum in the SDK's declarations (not exported at run time): compare its value.
    return String(meta.source) === "JOURNAL" && level === "info" ? "debug" : level;
}

/**
 * Bridges Restate's logger to ours: drops lines while the invocation replays and lines below the logger's
 * level (before building anything), and adds the invocation id and target to every line so a lead's path can
 * be followed from the admin UI to the logs.
 */
export function restateLoggerTransport(logger: Logger): LoggerTransport {
    return (meta, message?: unknown, ...rest: unknown[]) => {
        if (meta.replaying) return;
        const level = sdkLineLevel(meta);
        if (!logger.enabled(level)) return;
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
        logger.write(level, texts.join(" "), fields);
    };
}
