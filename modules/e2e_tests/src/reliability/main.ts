/**
 * `bun run reliability [--profile short|full|cluster|cluster-short] [--only crash,restate,…] [--seed n]`: runs
 * the crash, restart, fault and hostile-input scenarios (or, with a cluster profile, the three-node Restate
 * cluster's) against a private local stack, prints the scorecard, and exits 1 on any lost lead, duplicate,
 * accepted bad input or failed check (2 on bad arguments).
 */
import { CliError } from "scripts/cli";
import { parseCommandLine, parsedOrExit } from "scripts/command-line";
import { PROFILES, type ProfileName } from "./context";
import { CLUSTER_SCENARIOS, runReliability, SCENARIOS, scenariosOf } from "./run";
import { formatScorecard, scorecardGreen } from "./scorecard";

const USAGE =
    "usage: bun run reliability [--profile short|full|cluster|cluster-short] [--only <scenario,…>] [--seed <n>]";
const HELP = `${USAGE}

  --profile p   short (default): few leads per scenario, about a minute; full: the recorded run;
                cluster: the scenarios of a three-node Restate cluster (recorded run); cluster-short: its short form
  --only a,b    run only these scenarios of the profile (repeatable): ${Object.keys(SCENARIOS).join(", ")};
                cluster profiles: ${Object.keys(CLUSTER_SCENARIOS).join(", ")}
  --seed n      repeat the kill moments of an earlier run (its seed is printed at the start)
`;

const isProfile = (name: string): name is ProfileName => Object.hasOwn(PROFILES, name);

/** The run's options from the command line, or "help"; bad arguments are one-line `CliError`s (exit 2). */
export function parseReliabilityArgs(argv: readonly string[]) {
    const parsed = parseCommandLine(argv, {
        options: { profile: { type: "string" }, only: { type: "string", multiple: true }, seed: { type: "string" } },
        hint: USAGE,
    });
    if (parsed === "help") return "help";
    const { profile = "short", only: lists, seed } = parsed.values;
    if (!isProfile(profile))
        throw new CliError(`--profile must be one of ${Object.keys(PROFILES).join(", ")}, not ${profile}`, 2);
    const only = lists?.flatMap((list) => list.split(",")).filter(Boolean);
    const unknown = only?.filter((name) => !(name in scenariosOf(profile))) ?? [];
    if (unknown.length > 0)
        throw new CliError(`--only: no scenario ${unknown.join(", ")} in the ${profile} profile; ${USAGE}`, 2);
    if (seed !== undefined && !/^\d+$/.test(seed)) throw new CliError(`--seed must be a whole number, not ${seed}`, 2);
    return { profile, only, seed: seed === undefined ? undefined : Number(seed) } as const;
}

if (import.meta.main) {
    const options = parsedOrExit("reliability", () => parseReliabilityArgs(process.argv.slice(2)));
    if (options === "help") {
        process.stdout.write(HELP);
        process.exit(0);
    }
    const card = await runReliability(options);
    console.info(`\n${formatScorecard(card)}`);
    process.exit(scorecardGreen(card) ? 0 : 1);
}
