import { describe, expect, it } from "vitest";
import {
    effectiveRestateTuning,
    RESTATE_SERVER_DEFAULTS,
    RESTATE_TUNING_ENV_NAMES,
    restateServerTuningEnv,
} from "../src/config/restate-server-tuning";

describe("restate-server tuning", () => {
    it("sets restate-server's own variables for the settings that are given", () => {
        expect(restateServerTuningEnv({ partitions: 4, invokerConcurrency: 32, logFilter: "warn" })).toEqual({
            RESTATE_DEFAULT_NUM_PARTITIONS: "4",
            RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "32",
            RESTATE_LOG_FILTER: "warn",
        });
        expect(restateServerTuningEnv({ invokerConcurrency: 64 })).toEqual({
            RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "64",
        });
        expect(restateServerTuningEnv({})).toEqual({});
        expect([...RESTATE_TUNING_ENV_NAMES].sort()).toEqual(
            Object.keys(restateServerTuningEnv({ partitions: 1, invokerConcurrency: 1, logFilter: "x" })).sort(),
        );
    });

    it("reports Restate's defaults for what is not set", () => {
        expect(effectiveRestateTuning({ partitions: 4 })).toEqual({
            partitions: 4,
            invokerConcurrency: RESTATE_SERVER_DEFAULTS.invokerConcurrency,
            logFilter: RESTATE_SERVER_DEFAULTS.logFilter,
        });
        expect(effectiveRestateTuning({})).toEqual({
            partitions: 24,
            invokerConcurrency: 1000,
            logFilter: "warn,restate=info",
        });
    });
});
