/**
 * `bun run reliability [--profile short|full] [--only crash,restate,…] [--seed n]`: runs the crash, restart,
 * fault and hostile-input scenarios against a private local stack, prints the scorecard, and exits 1 on any
 * lost lead, duplicate, accepted bad input or failed check (2 on bad arguments).
 */
import { CliError } from "scripts/cli";
import { parseCommandLine, parsedOrExit } from "scripts/command-line";
import { runReliability, SCENARIOS } from "./run";
import { formatScorecard, scorecardGreen } from "./scorecard";

const USAGE = "usage: bun run reliability [--profile short|full] [--only <scenario,…>] [--seed <n>]";
const HELP = `${USAGE}

  --profile short|full   short (default): few leads per scenario, about a minute; full: the recorded run
  --only a,b             run only these scenarios (repeatable): ${Object.keys(SCENARIOS).join(", ")}
  --seed n               repeat the kill moments of an earlier run (its seed is printed at the start)
`;

/** The run's options from the command line, or "help"; bad arguments are one-line `CliError`s (exit 2). */
export function parseReliabilityArgs(argv: readonly string[]) {
    const parsed = parseCommandLine(argv, {
        options: { profile: { type: "string" }, only: { type: "string", multiple: true }, seed: { type: "string" } },
        hint: USAGE,
    });
    if (parsed === "help") return "help";
    const { profile = "short", only: lists, seed } = parsed.values;
    if (profile !== "short" && profile !== "full")
        throw new CliError(`--profile must be short or full, not ${profile}`, 2);
    const only = lists?.flatMap((list) => list.split(",")).filter(Boolean);
    const unknown = only?.filter((name) => !(name in SCENARIOS)) ?? [];
    if (unknown.length > 0) throw new CliError(`--only: unknown scenario ${unknown.join(", ")}; ${USAGE}`, 2);
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
