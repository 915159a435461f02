// `bun run bench`: drives the real stack the way callers do and reports leads per second, latency, CPU per
// lead and memory, each throughput also as a ratio to a no-op floor measured in the same run. See README.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
    BENCH_STACK_SETTINGS,
    CLUSTER_REPLICATION,
    describeStackSettings,
    RESTATE_DEFAULT_STACK_SETTINGS,
    type StackSettings,
} from "devstack";
import { parsedOrExit } from "scripts/command-line";
import { type BenchOptions, parseArgs, SCENARIOS, type ScenarioName, USAGE } from "./lib/args";
import { busiestStoreShare, CustomerPhones, poolNumbers, storeNumbers, web2TextStores } from "./lib/leads";
import { finishMachineInfo, machineInfo } from "./lib/machine";
import { ProcessSampler, readProc } from "./lib/proc";
import { formatMarkdownTable, formatTable, formatTargets, isoDay, jsonSafe, type ScenarioRow } from "./lib/report";
import { addPoolNumbers, lastCallSeq } from "./lib/sandbox";
import { type AnotherStack, actonOnAnotherStack } from "./lib/scenarios/another-stack";
import { bulkScenario } from "./lib/scenarios/bulk";
import { failedRow, type RunContext, remainingMs, settle } from "./lib/scenarios/context";
import { createScenario } from "./lib/scenarios/create";
import { floorScenario } from "./lib/scenarios/floor";
import { LOOKUP_CONCURRENCY, LOOKUP_MIN_SAMPLES, lookupChecks, lookupScenarios } from "./lib/scenarios/lookup";
import { type LeadProfile, profileLead } from "./lib/scenarios/profile";
import { soakCount, soakScenario } from "./lib/scenarios/soak";
import { stormScenario } from "./lib/scenarios/storm";
import { externalTarget, startOwnTarget, type Target } from "./lib/target";
import { checkTargets } from "./lib/targets";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const started = new Date();
const clock = performance.now();
const log = (message: string) => {
    const s = ((performance.now() - clock) / 1000).toFixed(1).padStart(6);
    process.stdout.write(`[${s}s] ${message}\n`);
};

const options: BenchOptions = parsedOrExit("bench", () => parseArgs(process.argv.slice(2)));
if (options.help) {
    process.stdout.write(USAGE);
    process.exit(0);
}

const runs = (name: ScenarioName) => options.only.includes(name);
const machine = machineInfo();
log(
    `bench (${options.profile}): ${machine.cores} cores, ${machine.model}, ${machine.totalMemoryMb} MB, load ${machine.loadAverageStart.join(" ")}, Bun ${machine.bun}`,
);

let target: Target | undefined;
const stopTarget = async () => {
    const t = target;
    target = undefined;
    await t?.stop().catch(() => undefined);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
        log(`${signal}: stopping the stack`);
        void stopTarget().finally(() => process.exit(130));
    });
}

/** What the bench's stack runs with (restate-server's defaults filled in), printed and kept in the result. */
const stackSettings = options.external
    ? undefined
    : {
          bench: describeStackSettings(BENCH_STACK_SETTINGS),
          actonDefaults: describeStackSettings(RESTATE_DEFAULT_STACK_SETTINGS),
          actonCluster: {
              ...describeStackSettings(BENCH_STACK_SETTINGS),
              restateNodes: 3,
              replication: CLUSTER_REPLICATION,
          },
      };
const rows: ScenarioRow[] = [];
const profiles: LeadProfile[] = [];
/** Lead processor RSS after each scenario (Restate idle), against the leads processed so far. */
const rssTimeline: { after: string; concurrency: number | null; leadsProcessed: number; rssMb: number }[] = [];
const notes: string[] = [];
let sampler: ProcessSampler | undefined;
/** The run's own stack's peak RSS, taken before the `acton-defaults` stack replaces it. */
let mainPeakRssMb: { leadProcessor: number; restate: number } | undefined;
const peakOf = (s: ProcessSampler | undefined) =>
    s ? { leadProcessor: s.peakRssMb("leadProcessor"), restate: s.peakRssMb("restate") } : undefined;

try {
    if (options.external) {
        target = externalTarget(options.external);
        notes.push("running stack given by URL: the floor and per-process CPU and memory were not measured (no pids)");
        log(`driving the running stack at ${options.external.ingress}`);
    } else {
        log(
            "starting the stack (restate-server, dynalite in memory, sandbox, Twilio proxy, lead processor + BenchFloor)",
        );
        if (Object.keys(options.restateEnv).length > 0) {
            notes.push(`experiment: restate-server ran with ${JSON.stringify(options.restateEnv)} (not its defaults)`);
        }
        if (Object.keys(options.serviceEnv).length > 0) {
            notes.push(`experiment: the lead processor ran with ${JSON.stringify(options.serviceEnv)}`);
        }
        if (options.cpuProfDir) notes.push(`the lead processor ran under Bun's CPU profiler (${options.cpuProfDir})`);
        target = await startOwnTarget({ ...options, settings: BENCH_STACK_SETTINGS }, (line) => log(`!! ${line}`));
        log(`stack up: ingress ${target.ingress}; settings ${JSON.stringify(stackSettings?.bench)}`);
    }
    const t = target;
    const ctx: RunContext = {
        t,
        opts: options,
        sampler: undefined,
        log,
        floor: new Map(),
        phones: new CustomerPhones(options.external ? Math.floor(Math.random() * 2_000_000) : 0),
        stores: web2TextStores(),
        actOnRetailer: crypto.randomUUID(),
        leadsProcessed: 0,
        deadline: clock + options.budgetSeconds * 1000,
    };

    const record = (row: ScenarioRow) => {
        rows.push(row);
        log(`${row.scenario} c=${row.concurrency ?? "–"}: ${row.status}${row.note ? ` — ${row.note}` : ""}`);
    };
    /** One scenario run (or group of rows) with its share of the time budget. */
    interface Phase {
        scenario: string;
        concurrency: number | null;
        n: () => number;
        /** Share of the budget left when it starts, relative to the phases after it. */
        weight: number;
        run: () => Promise<void>;
    }
    const phases: Phase[] = [];
    const runPhases = async () => {
        for (let i = 0; i < phases.length; i++) {
            const phase = phases[i];
            if (!phase) continue;
            const { scenario, concurrency } = phase;
            const n = phase.n();
            const left = remainingMs(ctx);
            if (left < 30_000) {
                record({
                    scenario,
                    concurrency,
                    n,
                    status: "skipped",
                    note: `time budget of ${options.budgetSeconds} s used up`,
                });
                continue;
            }
            const weights = phases.slice(i).reduce((sum, p) => sum + p.weight, 0);
            ctx.phaseDeadline = performance.now() + (left * phase.weight) / weights;
            log(
                `${scenario}${concurrency === null ? "" : ` c=${concurrency}`} N=${n} (slice ${((ctx.phaseDeadline - performance.now()) / 1000).toFixed(0)} s) …`,
            );
            try {
                await phase.run();
            } catch (error) {
                record(failedRow(scenario, concurrency, n, error));
                await settle(ctx, `the failed ${scenario}`).catch(() => undefined);
            }
            const pid = t.pids().leadProcessor;
            const rss = pid ? readProc(pid)?.rssMb : undefined;
            if (rss !== undefined) {
                rssTimeline.push({ after: scenario, concurrency, leadsProcessed: ctx.leadsProcessed, rssMb: rss });
            }
        }
        phases.length = 0;
        ctx.phaseDeadline = undefined;
    };

    if (runs("web2text") || runs("storm")) await preparePool(ctx, options);
    await lastCallSeq(t); // later look-ups then fetch only newer calls
    const pids = t.pids();
    if (Object.keys(pids).length > 0) {
        sampler = new ProcessSampler(pids as Record<string, number>, 200);
        sampler.start();
        ctx.sampler = sampler;
        log(`sampling /proc every 200 ms: ${JSON.stringify(pids)}`);
    }
    const top = Math.max(...options.concurrency);
    const fixed = (value: number) => () => value;

    if (runs("floor") && options.external) {
        rows.push({
            scenario: "floor",
            concurrency: null,
            n: 0,
            status: "skipped",
            note: "needs the bench's own stack",
        });
    } else if (runs("floor")) {
        for (const c of options.concurrency) {
            phases.push({
                scenario: "floor",
                concurrency: c,
                n: fixed(options.n),
                weight: 0.02,
                run: async () => record(await floorScenario(ctx, c)),
            });
        }
    }
    phases.push({
        scenario: "(RSS before the first lead)",
        concurrency: null,
        n: fixed(0),
        weight: 0,
        run: async () => {
            const pid = t.pids().leadProcessor;
            ctx.rssAtStartMb = pid ? readProc(pid)?.rssMb : undefined;
        },
    });
    // The lookups run on the idle stack right after the floor, which they are compared with: a lookup is one
    // read of Restate state, and after the creates its tail would carry their aftermath (restate-server
    // compacting, a larger lead-processor heap) rather than its own cost.
    if (runs("lookup")) {
        phases.push({
            scenario: "lookup",
            concurrency: LOOKUP_CONCURRENCY,
            n: fixed(Math.max(options.n, LOOKUP_MIN_SAMPLES)),
            weight: 0.05,
            run: async () => {
                for (const row of await lookupScenarios(ctx)) record(row);
            },
        });
    }
    for (const [name, kind, weight] of [
        ["acton", "ACTON", 0.09],
        ["web2text", "WEB2TEXT", 0.17],
    ] as const) {
        if (!runs(name)) continue;
        for (const c of options.concurrency) {
            phases.push({
                scenario: name,
                concurrency: c,
                n: fixed(options.n),
                weight: weight / Math.max(1, options.concurrency.length / 2),
                run: async () => record(await createScenario(ctx, kind, c)),
            });
        }
    }
    if (runs("storm")) {
        phases.push({
            scenario: "storm",
            concurrency: top,
            n: fixed(options.storm.messages),
            weight: 0.08,
            run: async () => record(await stormScenario(ctx, top)),
        });
    }
    if (runs("soak")) {
        phases.push({
            scenario: "soak acton",
            concurrency: top,
            n: () => soakCount(options.soakLeads, ctx.leadsProcessed),
            weight: 0.12,
            run: async () => record(await soakScenario(ctx, top)),
        });
    }
    for (const [name, kind] of [
        ["acton", "ACTON"],
        ["web2text", "WEB2TEXT"],
    ] as const) {
        if (!runs(name)) continue;
        phases.push({
            scenario: `profile ${kind}`,
            concurrency: null,
            n: fixed(1),
            weight: 0.01,
            run: async () => {
                const profile = await profileLead(ctx, kind);
                profiles.push(profile);
                log(
                    `profile ${kind}: ${profile.roundTrips} round trips to restate-server, ${profile.dynamoCalls} DynamoDB calls, ${profile.nexusCalls} Nexus calls, vendor calls ${JSON.stringify(profile.vendorCalls)}`,
                );
            },
        });
    }
    if (runs("bulk")) {
        phases.push({
            scenario: "bulk",
            concurrency: 1,
            n: fixed(options.bulkLeads),
            weight: 0.2,
            run: async () => {
                for (const row of await bulkScenario(ctx)) record(row);
            },
        });
    }
    /** The ACTON rows on a second stack (`another-stack.ts`), each after the run's own stack is stopped. */
    const otherStacks: (AnotherStack & { settings: StackSettings; restateNodes: 1 | 3; weight: number })[] = [
        {
            scenario: "acton-defaults",
            note: "restate-server with its defaults (24 partitions, 1,000 invocations at once)",
            settings: RESTATE_DEFAULT_STACK_SETTINGS,
            restateNodes: 1,
            weight: 0.09,
        },
        {
            scenario: "acton-cluster",
            note: "three-node Restate cluster, replication 2, each node sized as the bench's single node (CPU and RSS of restate: the three nodes)",
            settings: BENCH_STACK_SETTINGS,
            restateNodes: 3,
            weight: 0.09,
        },
    ];
    for (const other of otherStacks) {
        if (!runs(other.scenario)) continue;
        if (options.external) {
            rows.push({
                scenario: other.scenario,
                concurrency: top,
                n: 0,
                status: "skipped",
                note: "needs the bench's own stack",
            });
            continue;
        }
        phases.push({
            scenario: other.scenario,
            concurrency: top,
            n: fixed(options.n),
            weight: other.weight,
            run: async () => {
                const row = await actonOnAnotherStack(
                    ctx,
                    top,
                    async () => {
                        // The run's own figures end here: the other stack has its own sampler.
                        if (target === t) {
                            sampler?.stop();
                            mainPeakRssMb = peakOf(sampler);
                        }
                        await stopTarget();
                    },
                    () =>
                        startOwnTarget(
                            { ...options, settings: other.settings, restateNodes: other.restateNodes },
                            (line) => log(`!! ${line}`),
                        ),
                    other,
                );
                record(row);
            },
        });
    }
    await runPhases();
} catch (error) {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
} finally {
    sampler?.stop();
    await stopTarget();
}

const finished = new Date();
const peakRssMb = mainPeakRssMb ?? peakOf(sampler);
const targets = [...checkTargets(rows, profiles), ...lookupChecks(rows)];
const machineEnd = finishMachineInfo(machine);
const durationS = (finished.getTime() - started.getTime()) / 1000;

process.stdout.write(`\n${formatTable(rows)}\n\n`);
if (peakRssMb) {
    process.stdout.write(
        `peak RSS over the run: lead processor ${peakRssMb.leadProcessor.toFixed(0)} MB, restate-server ${peakRssMb.restate.toFixed(0)} MB\n`,
    );
}
if (stackSettings) {
    process.stdout.write(
        `stack settings: ${JSON.stringify(stackSettings.bench)}; acton-defaults row: ${JSON.stringify(stackSettings.actonDefaults)}; acton-cluster row: ${JSON.stringify(stackSettings.actonCluster)}\n`,
    );
}
process.stdout.write(`targets:\n${formatTargets(targets)}\n`);
for (const note of notes) process.stdout.write(`note: ${note}\n`);
process.stdout.write(
    `machine: ${machine.cores} × ${machine.model}, ${machine.totalMemoryMb} MB; load ${machine.loadAverageStart.join(" ")} → ${machineEnd.loadAverageEnd?.join(" ")}; ${durationS.toFixed(0)} s\n`,
);

const complete = options.only.length === SCENARIOS.length;
const suffix = options.profile === "quick" ? "-quick" : complete ? "" : "-partial";
const out = options.out ?? join(BENCH_DIR, "results", `${isoDay(started)}${suffix}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
    out,
    `${JSON.stringify(
        jsonSafe({
            startedAt: started.toISOString(),
            finishedAt: finished.toISOString(),
            durationSeconds: durationS,
            profile: options.profile,
            options: {
                ...options,
                external: options.external ? { ...options.external, apiKey: "(given)" } : undefined,
            },
            machine: machineEnd,
            stack: options.external ? "external" : "own (dynalite in memory)",
            stackSettings,
            rows,
            peakRssMb,
            rssTimeline,
            targets,
            leadProfiles: profiles,
            notes,
            markdownTable: formatMarkdownTable(rows),
        }),
        null,
        2,
    )}\n`,
);
log(`wrote ${out}`);
process.exit(process.exitCode ?? 0);

/**
 * Adds enough pool numbers for every WEB2TEXT lead the run creates (each store needs a distinct proxy number
 * per open thread) and restarts the proxy so it reads the pool at once (a running stack's proxy reads it at
 * its next refresh, so the bench waits for that).
 */
async function preparePool(ctx: RunContext, opts: BenchOptions): Promise<void> {
    const w2t =
        (opts.only.includes("web2text") ? (opts.warmup + opts.n) * opts.concurrency.length : 0) +
        (opts.only.includes("storm") ? opts.storm.conversations : 0) +
        2;
    const needed = busiestStoreShare(w2t, storeNumbers()) + 25;
    const size = await addPoolNumbers(ctx.t, poolNumbers(needed));
    if (ctx.t.own) {
        await ctx.t.own.restart("proxy");
        log(`pool: ${size} numbers (for ${w2t} WEB2TEXT leads); proxy restarted to read it`);
    } else {
        log(`pool: ${size} numbers; waiting 35 s for the running proxy's pool refresh`);
        await Bun.sleep(35_000);
    }
}
