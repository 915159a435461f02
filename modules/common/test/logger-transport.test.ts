import type { LogMetadata } from "@restatedev/restate-sdk";
import { describe, expect, it } from "vitest";
import { Logger, type LogLevel } from "../src/logging/logger";
import { restateLoggerTransport, sdkLineLevel } from "../src/restate/logger-transport";

const meta = (source: string, level: string, replaying = false) => ({ source, level, replaying }) as LogMetadata;

function capture(level: LogLevel) {
    const lines: Record<string, unknown>[] = [];
    const logger = new Logger({ format: "json", level, sink: (line) => lines.push(JSON.parse(line)) });
    return { lines, log: restateLoggerTransport(logger) };
}

describe("the Restate SDK's lines in our logs", () => {
    it("puts the SDK's per-invocation lines at debug and keeps the handlers' own lines and warnings", () => {
        expect(sdkLineLevel(meta("JOURNAL", "info"))).toBe("debug");
        expect(sdkLineLevel(meta("JOURNAL", "warn"))).toBe("warn");
        expect(sdkLineLevel(meta("USER", "info"))).toBe("info");
        expect(sdkLineLevel(meta("SYSTEM", "error"))).toBe("error");
        expect(sdkLineLevel(meta("SYSTEM", "trace"))).toBe("debug");
    });

    it("writes no per-invocation line at info, and writes it at debug", () => {
        const info = capture("info");
        info.log(meta("JOURNAL", "info"), "Starting invocation.");
        info.log(meta("USER", "info"), "Lead created", { leadId: "l-1" });
        expect(info.lines.map((l) => l.message)).toEqual(["Lead created"]);
        expect(info.lines[0]).toMatchObject({ level: "info", leadId: "l-1" });

        const debug = capture("debug");
        debug.log(meta("JOURNAL", "info"), "Starting invocation.");
        expect(debug.lines).toEqual([expect.objectContaining({ level: "debug", message: "Starting invocation." })]);
    });

    it("drops lines while the invocation replays and masks phones in what it writes", () => {
        const { lines, log } = capture("debug");
        log(meta("USER", "info", true), "replayed");
        log(meta("USER", "warn"), "texting +15551234567 failed");
        expect(lines.map((l) => l.message)).toEqual(["texting +*******4567 failed"]);
    });
});
