import { describe, expect, it } from "vitest";
import { serviceEnvWithProfiler } from "../lib/target";

describe("the lead processor's extra settings", () => {
    it("are the experiment's alone without a profile folder", () => {
        expect(serviceEnvWithProfiler({ LOG_LEVEL: "info" }, undefined)).toEqual({ LOG_LEVEL: "info" });
    });

    it("add Bun's CPU profiler to any BUN_OPTIONS the experiment gives", () => {
        expect(serviceEnvWithProfiler({}, "/tmp/prof")).toEqual({
            BUN_OPTIONS: "--cpu-prof-md --cpu-prof-dir=/tmp/prof",
        });
        expect(serviceEnvWithProfiler({ BUN_OPTIONS: "--smol", LOG_LEVEL: "warn" }, "/tmp/prof")).toEqual({
            BUN_OPTIONS: "--smol --cpu-prof-md --cpu-prof-dir=/tmp/prof",
            LOG_LEVEL: "warn",
        });
    });
});
