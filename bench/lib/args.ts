import { CliError } from "scripts/cli";
import { parseCommandLine } from "scripts/command-line";

/** Everything a bench run can be told on the command line, after profile defaults were applied. */
export interface BenchOptions {
    profile: "full" | "quick";
    /** Concurrent callers of each load-generated scenario (each scenario runs once per value). */
    concurrency: number[];
    /** Measured calls per scenario and concurrency. */
    n: number;
    /** Unmeasured calls of the same kind before each scenario. */
    warmup: number;
    storm: { messages: number; conversations: number };
    /** Leads written to the projection for the Admin bulk scenario. */
    bulkLeads: number;
    /** Leads the lead processor has handled in all by the end of the RSS soak (ACTON leads top it up). */
    soakLeads: number;
    /** Scenarios to run (default all). */
    only: ScenarioName[];
    /** A running stack to drive instead of starting one (then `floor` and per-process figures are skipped). */
    external: ExternalStack | undefined;
    /** Where the JSON goes; undefined for `bench/results/<date>[-quick].json`. */
    out: string | undefined;
    /** Keep each part's log under this folder (own stack only). */
    logDir: string | undefined;
    /** Write a CPU profile (Markdown) of the lead processor into this folder (own stack only). */
    cpuProfDir: string | undefined;
    /** Extra restate-server settings for experiments (own stack only); the recorded runs use none. */
    restateEnv: Record<string, string>;
    /** Extra lead processor settings for experiments (own stack only); the recorded runs use none. */
    serviceEnv: Record<string, string>;
    /** Wall-clock budget of the whole run, seconds: waits are cut short and late scenarios skipped to keep it. */
    budgetSeconds: number;
    help: boolean;
}

export interface ExternalStack {
    ingress: string;
    admin: string;
    sandbox: string;
    dynamo: string;
    apiKey: string;
    tablePrefix: string;
}

/**
 * `lookup`: the open-lead lookup at c=8 (whatever `--concurrency` says), by key and with a body (two rows). `acton-defaults`: the ACTON run again, at the top concurrency, on a second stack with Restate's defaults;
 * `acton-cluster`: the same on a stack whose Restate is a three-node cluster (the full profile's; `--quick` runs
 * it only when `--only` names it).
 */
export const SCENARIOS = [
    "floor",
    "acton",
    "web2text",
    "lookup",
    "storm",
    "soak",
    "bulk",
    "acton-defaults",
    "acton-cluster",
] as const;

/** What `--quick` leaves out unless `--only` names it: a third stack start (three nodes) is minutes on 2 cores. */
const NOT_QUICK: readonly ScenarioName[] = ["acton-cluster"];
export type ScenarioName = (typeof SCENARIOS)[number];

const PROFILES = {
    full: {
        concurrency: [8, 32],
        n: 300,
        warmup: 30,
        storm: { messages: 1000, conversations: 100 },
        bulkLeads: 10_000,
        soakLeads: 3000,
        budgetSeconds: 570,
    },
    quick: {
        concurrency: [16],
        n: 100,
        warmup: 15,
        storm: { messages: 200, conversations: 20 },
        bulkLeads: 1000,
        soakLeads: 600,
        budgetSeconds: 570,
    },
} as const;

export const USAGE = `bun run bench [options]

  --quick                     small N, one concurrency (for development)
  --concurrency 8,32          concurrent callers (full: 8,32; quick: 16)
  --n 300                     measured calls per scenario and concurrency (full: 300; quick: 100)
  --warmup 30                 unmeasured calls before each scenario
  --storm 1000/100            webhook storm: messages/conversations
  --bulk 10000                leads written to the projection for Admin bulk FIND and SYNC
  --soak 3000                 leads handled in all by the end of the RSS soak (ACTON leads top it up)
  --only acton,web2text       run only these of: ${SCENARIOS.join(", ")}
                              (--quick leaves out ${NOT_QUICK.join(", ")} unless named here)
  --out FILE                  JSON result file (default bench/results/<date>[-quick].json)
  --log-dir DIR               keep each stack part's log there (own stack only)
  --cpu-prof DIR              write a CPU profile (Markdown) of the lead processor there (own stack only)
  --budget 570                wall-clock budget in seconds: long waits are cut and late scenarios skipped
  --restate-env K=V,K=V       extra restate-server settings (RESTATE_*), for experiments (own stack only)
  --service-env K=V,K=V       extra lead processor settings (e.g. LOG_LEVEL, BUN_OPTIONS), for experiments

  Drive a running stack instead of starting one (floor and per-process figures are then skipped):
  --ingress URL --admin URL --sandbox URL --dynamo URL --api-key KEY [--table-prefix DEV]
`;

const HINT = "see bun run bench --help";
/** A refused value: one line ending in the hint, exit code 2. */
const refuse = (problem: string) => new CliError(`${problem}; ${HINT}`, 2);

const OPTIONS = {
    quick: { type: "boolean" },
    concurrency: { type: "string" },
    n: { type: "string" },
    warmup: { type: "string" },
    storm: { type: "string" },
    bulk: { type: "string" },
    soak: { type: "string" },
    only: { type: "string" },
    out: { type: "string" },
    "log-dir": { type: "string" },
    "cpu-prof": { type: "string" },
    "restate-env": { type: "string" },
    "service-env": { type: "string" },
    budget: { type: "string" },
    ingress: { type: "string" },
    admin: { type: "string" },
    sandbox: { type: "string" },
    dynamo: { type: "string" },
    "api-key": { type: "string" },
    "table-prefix": { type: "string" },
} as const;
type ValueFlag = Exclude<keyof typeof OPTIONS, "quick">;

function positiveInt(flag: string, raw: string): number {
    if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw refuse(`${flag} must be a positive whole number`);
    return Number(raw);
}

function url(flag: string, raw: string): string {
    try {
        const parsed = new URL(raw);
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http");
    } catch {
        throw refuse(`${flag} must be an http(s) URL`);
    }
    return raw.replace(/\/+$/, "");
}

/** Parses `process.argv.slice(2)`; bad arguments are one-line `CliError`s with exit code 2. */
export function parseArgs(argv: readonly string[]): BenchOptions {
    const parsed = parseCommandLine(argv, { options: OPTIONS, hint: HINT });
    const help = parsed === "help";
    const values: Partial<Record<ValueFlag, string>> & { quick?: boolean } = help ? {} : parsed.values;
    const quick = values.quick ?? false;
    const base = PROFILES[quick ? "quick" : "full"];

    const concurrency = values.concurrency
        ? [...new Set(values.concurrency.split(",").map((part) => positiveInt("--concurrency", part.trim())))]
        : [...base.concurrency];

    let storm: BenchOptions["storm"] = { ...base.storm };
    if (values.storm) {
        const [messages, conversations] = values.storm.split("/");
        storm = {
            messages: positiveInt("--storm", messages ?? ""),
            conversations: positiveInt("--storm", conversations ?? ""),
        };
        if (storm.conversations > storm.messages) {
            throw refuse("--storm needs at least one message per conversation");
        }
    }

    const only = values.only
        ? values.only.split(",").map((part) => {
              const name = part.trim();
              if (!(SCENARIOS as readonly string[]).includes(name)) {
                  throw refuse(`--only: unknown scenario '${name}' (one of ${SCENARIOS.join(", ")})`);
              }
              return name as ScenarioName;
          })
        : SCENARIOS.filter((name) => !quick || !NOT_QUICK.includes(name));

    const externalFlags = ["ingress", "admin", "sandbox", "dynamo", "api-key"] as const;
    let external: ExternalStack | undefined;
    if (externalFlags.some((flag) => values[flag] !== undefined) || values["table-prefix"] !== undefined) {
        const missing = externalFlags.filter((flag) => values[flag] === undefined);
        if (missing.length > 0) {
            const all = externalFlags.map((flag) => `--${flag}`).join(" ");
            throw refuse(
                `a running stack needs all of ${all}; missing ${missing.map((flag) => `--${flag}`).join(" ")}`,
            );
        }
        const prefix = values["table-prefix"] ?? "DEV";
        if (!/^[A-Z][A-Z0-9]*$/.test(prefix)) throw refuse("--table-prefix must be upper-case letters/digits");
        external = {
            ingress: url("--ingress", values.ingress ?? ""),
            admin: url("--admin", values.admin ?? ""),
            sandbox: url("--sandbox", values.sandbox ?? ""),
            dynamo: url("--dynamo", values.dynamo ?? ""),
            apiKey: values["api-key"] ?? "",
            tablePrefix: prefix,
        };
    }

    const num = (flag: ValueFlag, fallback: number) => {
        const raw = values[flag];
        return raw === undefined ? fallback : positiveInt(`--${flag}`, raw);
    };

    return {
        profile: quick ? "quick" : "full",
        concurrency,
        n: num("n", base.n),
        warmup: num("warmup", base.warmup),
        storm,
        bulkLeads: num("bulk", base.bulkLeads),
        soakLeads: num("soak", base.soakLeads),
        only,
        external,
        out: values.out,
        logDir: values["log-dir"],
        cpuProfDir: values["cpu-prof"],
        restateEnv: parseEnvList("--restate-env", values["restate-env"], /^RESTATE_[A-Z0-9_]+$/),
        serviceEnv: parseEnvList("--service-env", values["service-env"], /^[A-Z][A-Z0-9_]*$/),
        budgetSeconds: num("budget", base.budgetSeconds),
        help,
    };
}

/** `A=1,B=x` as a record; every name must match `names` (restate-server reads only RESTATE_* names). */
export function parseEnvList(flag: string, raw: string | undefined, names: RegExp): Record<string, string> {
    if (!raw) return {};
    const out: Record<string, string> = {};
    for (const part of raw.split(",")) {
        const eq = part.indexOf("=");
        const name = part.slice(0, eq).trim();
        if (eq <= 0 || !names.test(name)) {
            throw refuse(`${flag} takes NAME=value pairs (names ${names.source}) separated by commas, got '${part}'`);
        }
        out[name] = part.slice(eq + 1).trim();
    }
    return out;
}
