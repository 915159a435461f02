/**
 * `bun run reliability [--profile short|full] [--only crash,restate,…] [--seed n]`: runs the crash, restart,
 * fault and hostile-input scenarios against a private local stack, prints the scorecard, and exits 1 on any
 * lost lead, duplicate, accepted bad input or failed check.
 */
import { parseArgs } from "node:util";
import { runReliability } from "./run";
import { formatScorecard, scorecardGreen } from "./scorecard";

const { values } = parseArgs({
    options: {
        profile: { type: "string", default: "short" },
        only: { type: "string", multiple: true },
        seed: { type: "string" },
    },
});
const profile = values.profile;
if (profile !== "short" && profile !== "full") {
    console.error(`--profile must be short or full, not ${profile}`);
    process.exit(2);
}
const only = values.only?.flatMap((o) => o.split(",")).filter(Boolean);
const card = await runReliability({ profile, only, seed: values.seed === undefined ? undefined : Number(values.seed) });
console.info(`\n${formatScorecard(card)}`);
process.exit(scorecardGreen(card) ? 0 : 1);
