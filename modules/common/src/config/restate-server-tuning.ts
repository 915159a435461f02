/**
 * The restate-server settings that size it to its machine, as every stack sets them (the local launcher, the
 * benchmark, the CDK task). A setting left undefined keeps Restate's own default (`restate-server --dump-config`).
 */
export interface RestateServerTuning {
    /**
     * Partitions of a new cluster (`default-num-partitions`). Read only when the cluster is first provisioned:
     * an existing data directory keeps the partitions it was created with.
     */
    partitions?: number | undefined;
    /**
     * Most invocations the node's invoker runs against deployments at once (`worker.invoker.concurrent-
     * invocations-limit`). Invocations beyond it wait inside Restate (journaled, not in the service's memory).
     * An invocation that awaits another one holds its slot until it completes or suspends (after
     * `worker.invoker.inactivity-timeout`, 1 min), so the limit must stay well above the number of such
     * waiting callers (Admin bulk with `Async: false`, webhooks closing leads).
     */
    invokerConcurrency?: number | undefined;
    /** restate-server's log filter (`log-filter`, tracing-subscriber syntax). */
    logFilter?: string | undefined;
}

/** Restate 1.7.12's defaults for the settings above (`restate-server --dump-config`). */
export const RESTATE_SERVER_DEFAULTS = {
    partitions: 24,
    invokerConcurrency: 1000,
    logFilter: "warn,restate=info",
} as const satisfies Required<RestateServerTuning>;

/** The environment variable restate-server 1.7 reads for each setting (checked with `--dump-config`). */
const TUNING_ENV = {
    partitions: "RESTATE_DEFAULT_NUM_PARTITIONS",
    invokerConcurrency: "RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT",
    logFilter: "RESTATE_LOG_FILTER",
} as const satisfies Record<keyof RestateServerTuning, string>;

/** The names `restateServerTuningEnv` sets; a stack's free-form RESTATE_* settings must not repeat them. */
export const RESTATE_TUNING_ENV_NAMES: readonly string[] = Object.values(TUNING_ENV);

/** The environment variables restate-server reads for the tuning (only the settings that are set). */
export function restateServerTuningEnv(tuning: RestateServerTuning): Record<string, string> {
    const env: Record<string, string> = {};
    for (const key of Object.keys(TUNING_ENV) as (keyof RestateServerTuning)[]) {
        const value = tuning[key];
        if (value !== undefined) env[TUNING_ENV[key]] = String(value);
    }
    return env;
}

/** The tuning with Restate's defaults filled in, for reports. */
export function effectiveRestateTuning(tuning: RestateServerTuning): Required<RestateServerTuning> {
    return {
        partitions: tuning.partitions ?? RESTATE_SERVER_DEFAULTS.partitions,
        invokerConcurrency: tuning.invokerConcurrency ?? RESTATE_SERVER_DEFAULTS.invokerConcurrency,
        logFilter: tuning.logFilter ?? RESTATE_SERVER_DEFAULTS.logFilter,
    };
}
