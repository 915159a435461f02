import type { PartName, Stack } from "devstack";

/**
 * Crash machinery for reliability tests: kill a part of a private stack with SIGKILL at random moments while
 * work is in flight, restart it each time, and report what happened. Use it on a stack the test started
 * itself (`startStack({ restateEnv: CRASH_RESTATE_ENV })`), never on the shared e2e stack.
 */

/**
 * restate-server settings for crash tests: invocations that failed because the service was down are retried
 * from 100 ms, at most every 2 s (the default backs off to a minute), so work resumes soon after a restart.
 */
export const CRASH_RESTATE_ENV: Record<string, string> = {
    RESTATE_DEFAULT_RETRY_POLICY__INITIAL_INTERVAL: "100ms",
    RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL: "2s",
};

/** A small seeded generator (mulberry32), so a failing run can be repeated with the seed it printed. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

/** A whole number in [min, max], drawn from `random`. */
export const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** The items in a random order drawn from `random` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
        const j = between(random, 0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
}

export interface CrashOptions {
    /** The part to kill (default: the lead processor). */
    part?: PartName;
    /** How many times to kill it. */
    kills: number;
    /** Each kill comes a random [min, max] ms after the start or after the previous restart was ready. */
    delayMs: readonly [min: number, max: number];
    random: () => number;
    /**
     * Whether work is in flight right now: when given, each kill also waits (polling, at most
     * `IN_FLIGHT_WAIT_MS`) until it says yes, so a kill lands inside work however fast the work runs.
     */
    inFlight?: () => Promise<boolean>;
    /** Read just before each kill, to show how far the work had got (e.g. "31/50 synced"). */
    progress?: () => Promise<string>;
    /** Called with a line per kill. */
    log?: (line: string) => void;
}

export interface CrashEvent {
    /** When the kill came, in ms since the crashes started. */
    atMs: number;
    /** When the kill came (epoch ms). */
    at: number;
    /** How long the part was down: SIGKILL until it was ready again (and re-registered, for the service). */
    downMs: number;
    progress?: string | undefined;
}

export interface CrashReport {
    part: PartName;
    kills: CrashEvent[];
}

/** Kills `options.part` with SIGKILL `options.kills` times at random moments, restarting it after each kill. */
export async function crashRepeatedly(stack: Stack, options: CrashOptions): Promise<CrashReport> {
    const part = options.part ?? "leadProcessor";
    const started = Date.now();
    const kills: CrashEvent[] = [];
    for (let n = 1; n <= options.kills; n++) {
        await Bun.sleep(between(options.random, options.delayMs[0], options.delayMs[1]));
        if (options.inFlight) await untilInFlight(options.inFlight);
        const progress = await options.progress?.().catch((error: unknown) => `progress unavailable: ${error}`);
        const at = Date.now();
        const atMs = at - started;
        await stack.restart(part, "kill9");
        const event = { atMs, at, downMs: Date.now() - at, progress };
        kills.push(event);
        options.log?.(
            `kill ${n}/${options.kills} of ${part} at ${atMs} ms (down ${event.downMs} ms)${progress ? `; ${progress}` : ""}`,
        );
    }
    return { part, kills };
}

/** How long a kill waits for work in flight before it goes ahead anyway (the kill evidence then says so). */
export const IN_FLIGHT_WAIT_MS = 5_000;

async function untilInFlight(inFlight: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    while (Date.now() < deadline) {
        if (await inFlight().catch(() => false)) return;
        await Bun.sleep(25);
    }
}

/** Runs `work` while `crash` kills and restarts a part; both must finish. */
export async function whileCrashing<T>(
    work: () => Promise<T>,
    crash: () => Promise<CrashReport>,
): Promise<{ result: T; report: CrashReport }> {
    const [result, report] = await Promise.all([work(), crash()]);
    return { result, report };
}
