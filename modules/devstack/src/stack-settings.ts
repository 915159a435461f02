import { effectiveRestateTuning, type LogLevel, type RestateServerTuning } from "common";

/** Levels of the Restate SDK's own logger (`RESTATE_LOGGING`). */
export type SdkLogLevel = "trace" | "debug" | "info" | "warn" | "error";

/**
 * How a local stack is sized to the machine it runs on: restate-server's partitions, invoker concurrency and
 * log filter, and the lead processor's log levels. Every stack names its settings explicitly; bench/README.md
 * ("What the stacks run with") says why each value is what it is.
 */
export interface StackSettings {
    /** Shown in reports (the bench prints the settings it ran with). */
    name: string;
    restate: RestateServerTuning;
    leadProcessor: {
        /** The service's own lowest log level (`LOG_LEVEL`). */
        logLevel: LogLevel;
        /**
         * `RESTATE_LOGGING`: the level of the Restate SDK's shared core (its WebAssembly state machine logs at
         * that level and above). The SDK's per-invocation lines go through the service's logger and follow
         * `LOG_LEVEL`.
         */
        sdkLogLevel: SdkLogLevel;
    };
}

/**
 * Invocations restate-server pushes into the lead processor at once on a local 2-core machine. The lead
 * processor holds each one's HTTP/2 stream, journal and lead record; with Restate's default (1,000) a bulk
 * SYNC took it to 815 MB. Local vendors answer in milliseconds, so 32 in flight keep both cores busy.
 */
export const LOCAL_INVOKER_CONCURRENCY = 32;

/** `bun run dev`: 4 partitions and the bounded invoker; people read the lead processor's info lines. */
export const DEV_STACK_SETTINGS: StackSettings = {
    name: "dev",
    restate: { partitions: 4, invokerConcurrency: LOCAL_INVOKER_CONCURRENCY, logFilter: "warn" },
    leadProcessor: { logLevel: "info", sdkLogLevel: "info" },
};

/** The e2e and reliability stacks: the dev stack's sizing; the reliability suite scans the info lines. */
export const TEST_STACK_SETTINGS: StackSettings = { ...DEV_STACK_SETTINGS, name: "test" };

/** `bun run bench`: the dev stack's sizing with warn-level logs, as a production service would log. */
export const BENCH_STACK_SETTINGS: StackSettings = {
    name: "bench",
    restate: DEV_STACK_SETTINGS.restate,
    leadProcessor: { logLevel: "warn", sdkLogLevel: "warn" },
};

/**
 * restate-server exactly as it ships (24 partitions, 1,000 invocations in flight, its own log filter), the way
 * the system this replaces was measured; the lead processor logs as in the bench stack.
 */
export const RESTATE_DEFAULT_STACK_SETTINGS: StackSettings = {
    name: "restate-defaults",
    restate: {},
    leadProcessor: BENCH_STACK_SETTINGS.leadProcessor,
};

/** The lead processor's environment for the settings. */
export function leadProcessorSettingsEnv(settings: StackSettings): Record<string, string> {
    return { LOG_LEVEL: settings.leadProcessor.logLevel, RESTATE_LOGGING: settings.leadProcessor.sdkLogLevel };
}

/** The settings as a flat record with Restate's defaults filled in, for reports. */
export function describeStackSettings(settings: StackSettings) {
    const restate = effectiveRestateTuning(settings.restate);
    return {
        name: settings.name,
        restatePartitions: restate.partitions,
        restateInvokerConcurrency: restate.invokerConcurrency,
        restateLogFilter: restate.logFilter,
        leadProcessorLogLevel: settings.leadProcessor.logLevel,
        sdkLogLevel: settings.leadProcessor.sdkLogLevel,
    };
}
