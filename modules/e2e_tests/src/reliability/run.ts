/** Runs the chosen scenarios on one private stack, in order, and returns the scorecard. */
import { BehaviourSettings } from "sandbox";
import { killClusterNode } from "./cluster-node-kill";
import { rollingRestart } from "./cluster-rolling-restart";
import { concurrency } from "./concurrency";
import { type Context, PROFILES, type ProfileName, startContext } from "./context";
import { crashLeadProcessor } from "./crash-lead-processor";
import { dynamoOutage } from "./dynamo-outage";
import { hostileInput } from "./hostile-input";
import { upgradeLeadProcessor } from "./lead-processor-upgrade";
import { logSecrets } from "./log-secrets";
import { restartRestate } from "./restart-restate";
import type { ScenarioResult, Scorecard } from "./scorecard";
import { vendorFaults } from "./vendor-faults";

/**
 * The scenarios in run order; `logs` comes last, so it scans everything the others made the stack log. A
 * name given to `--only` picks that scenario and its variants (`restate` is `restate` and `restate-kill9`).
 */
export const SCENARIOS: Record<string, (ctx: Context) => Promise<ScenarioResult>> = {
    crash: crashLeadProcessor,
    restate: restartRestate("graceful"),
    "restate-kill9": restartRestate("kill9"),
    dynamo: dynamoOutage("graceful"),
    "dynamo-kill9": dynamoOutage("kill9"),
    faults: vendorFaults,
    concurrency,
    hostile: hostileInput,
    logs: logSecrets,
};

/**
 * The cluster profiles' scenarios, on a three-node Restate cluster, in run order; the upgrade comes last, as it
 * leaves the stack on a lead processor of its own.
 */
export const CLUSTER_SCENARIOS: Record<string, (ctx: Context) => Promise<ScenarioResult>> = {
    "node-kill9": killClusterNode,
    "rolling-restart": rollingRestart,
    "rolling-upgrade": upgradeLeadProcessor,
};

/** The scenarios a profile runs. */
export const scenariosOf = (profile: ProfileName) =>
    PROFILES[profile].restateNodes === 3 ? CLUSTER_SCENARIOS : SCENARIOS;

export interface RunOptions {
    profile: ProfileName;
    only?: string[] | undefined;
    seed?: number | undefined;
    log?: (line: string) => void;
}

/**
 * The sandbox's behaviour settings, refusing to run when vendor idempotency is on: the suite counts what
 * reaches vendors that document none, so the sandbox must not drop repeats for them.
 */
async function sandboxSettings(ctx: Context): Promise<BehaviourSettings> {
    const res = await fetch(`${ctx.t.sandbox}/__sandbox/settings`);
    const settings = BehaviourSettings.parse(await res.json());
    if (settings.vendorIdempotency)
        throw new Error("the sandbox runs with vendorIdempotency on; the suite needs it off");
    return settings;
}

export async function runReliability(options: RunOptions): Promise<Scorecard> {
    const log = options.log ?? ((line: string) => console.info(line));
    const picks = (given: string, name: string) => name === given || name.startsWith(`${given}-`);
    const scenarios = scenariosOf(options.profile);
    const names = Object.keys(scenarios).filter((n) => !options.only?.length || options.only.some((o) => picks(o, n)));
    const unknown = options.only?.filter((o) => !Object.keys(scenarios).some((n) => picks(o, n))) ?? [];
    if (unknown.length)
        throw new Error(
            `scenario ${unknown.join(", ")} is not in the ${options.profile} profile; it runs: ${Object.keys(scenarios).join(", ")}`,
        );
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const card: Scorecard = { profile: options.profile, startedAt: new Date().toISOString(), results: [] };
    log(
        `reliability: profile ${options.profile}, seed ${seed} (--seed ${seed} repeats the kill moments), scenarios ${names.join(", ")}`,
    );
    const ctx = await startContext(PROFILES[options.profile], seed, log);
    log(`stack up; logs in ${ctx.logDir}`);
    // Ctrl-C or a kill of the runner takes the stack's processes (each in its own group) down with it.
    const onSignal = () => {
        for (const part of ctx.stack.processes()) part.killNow();
        process.exit(130);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
        log(`sandbox settings (the documented defaults): ${JSON.stringify(await sandboxSettings(ctx))}`);
        for (const name of names) {
            const scenario = scenarios[name];
            if (!scenario) continue;
            const started = Date.now();
            log(`▶ ${name}`);
            let result: ScenarioResult;
            try {
                result = await scenario(ctx);
            } catch (error) {
                // A ZodError's stack does not hold its message (the issues): show both then.
                const stack = error instanceof Error ? (error.stack ?? "") : "";
                const message =
                    error instanceof Error
                        ? stack.includes(error.message)
                            ? stack
                            : `${error.message}\n${stack}`
                        : String(error);
                result = {
                    scenario: name,
                    attempts: 1,
                    passed: 0,
                    leads: 0,
                    lost: 0,
                    duplicated: 0,
                    vendorRepeats: [],
                    acceptedBad: 0,
                    seconds: (Date.now() - started) / 1000,
                    problems: [`scenario threw: ${message}`],
                    notes: [],
                };
            }
            card.results.push(result);
            for (const note of result.notes) log(`    ${note}`);
            for (const v of result.vendorRepeats)
                log(`    vendor repeat, lead ${v.leadId}: ${v.what} ${v.times}× at ${v.vendor}: ${v.why}`);
            for (const problem of result.problems.slice(0, 20)) log(`  ✗ ${problem}`);
            if (result.problems.length > 20) log(`  ✗ … ${result.problems.length - 20} more`);
            log(`  ${name}: ${result.passed}/${result.attempts} passed in ${result.seconds} s`);
        }
    } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await ctx.stop();
    }
    return card;
}
