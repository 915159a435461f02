import { RESTATE_SERVER_DEFAULTS } from "common";
import { describe, expect, it } from "vitest";
import {
    BENCH_STACK_SETTINGS,
    DEV_STACK_SETTINGS,
    describeStackSettings,
    leadProcessorSettingsEnv,
    RESTATE_DEFAULT_STACK_SETTINGS,
    restateServerEnv,
    TEST_STACK_SETTINGS,
} from "../src";

const ports = { ingress: 1, admin: 2, node: 3 };

describe("how each local stack is sized", () => {
    it("bounds restate-server on the dev, test and bench stacks and leaves it as shipped for the defaults row", () => {
        for (const settings of [DEV_STACK_SETTINGS, TEST_STACK_SETTINGS, BENCH_STACK_SETTINGS]) {
            expect(restateServerEnv("/data", ports, settings.restate)).toMatchObject({
                RESTATE_DEFAULT_NUM_PARTITIONS: "4",
                RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "32",
                RESTATE_LOG_FILTER: "warn",
            });
        }
        const shipped = restateServerEnv("/data", ports, RESTATE_DEFAULT_STACK_SETTINGS.restate);
        expect(shipped).not.toHaveProperty("RESTATE_DEFAULT_NUM_PARTITIONS");
        expect(shipped).not.toHaveProperty("RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT");
        expect(shipped).not.toHaveProperty("RESTATE_LOG_FILTER");
    });

    it("lets a stack's extra settings win over its sizing", () => {
        const env = restateServerEnv("/data", ports, DEV_STACK_SETTINGS.restate, {
            RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "1000",
        });
        expect(env.RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT).toBe("1000");
    });

    it("logs info in the dev and test stacks (people and the reliability scan read it) and warn in the bench", () => {
        expect(leadProcessorSettingsEnv(DEV_STACK_SETTINGS)).toEqual({ LOG_LEVEL: "info", RESTATE_LOGGING: "info" });
        expect(leadProcessorSettingsEnv(TEST_STACK_SETTINGS)).toEqual({ LOG_LEVEL: "info", RESTATE_LOGGING: "info" });
        expect(leadProcessorSettingsEnv(BENCH_STACK_SETTINGS)).toEqual({ LOG_LEVEL: "warn", RESTATE_LOGGING: "warn" });
    });

    it("reports Restate's defaults for what a stack leaves unset", () => {
        expect(describeStackSettings(RESTATE_DEFAULT_STACK_SETTINGS)).toMatchObject({
            name: "restate-defaults",
            restatePartitions: RESTATE_SERVER_DEFAULTS.partitions,
            restateInvokerConcurrency: RESTATE_SERVER_DEFAULTS.invokerConcurrency,
            restateLogFilter: RESTATE_SERVER_DEFAULTS.logFilter,
        });
        expect(describeStackSettings(BENCH_STACK_SETTINGS)).toMatchObject({
            restatePartitions: 4,
            restateInvokerConcurrency: 32,
            leadProcessorLogLevel: "warn",
        });
    });
});
