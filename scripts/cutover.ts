/**
 * `bun run cutover [--apply] [--verbose]` — moves the Twilio threads that are open when this deployment takes
 * over from the old system: sets the Messaging Service's inbound webhook to this deployment's
 * `TwilioWebhooks/onIncomingMessage`, and gives every open (active or inactive) conversation of our Messaging
 * Service the webhooks a new lead's conversation gets, removing the old system's that point elsewhere. A dry
 * run by default; safe to run again (it recomputes everything from Twilio).
 */
import { maskPhonesInText } from "common";
import { targetOf } from "./cutover/plan";
import { reportLines } from "./cutover/report";
import { runCutover } from "./cutover/run";
import { CUTOVER_SETTINGS_HELP, cutoverSettings } from "./cutover/settings";
import { type CutoverTwilio, cutoverTwilio } from "./cutover/twilio-account";
import { CliError, describeError, runCli, say } from "./lib/cli";
import { progressReporter } from "./lib/progress";
import { type Command, type Env, parseCommand } from "./ops/lib";

const NAME = "cutover";

export const cutoverCommand: Command<{ apply: boolean; verbose: boolean }> = {
    name: NAME,
    usage: `usage: bun run ${NAME} [--apply] [--verbose]

Moves the threads that are open on our Messaging Service to this deployment (PUBLIC_RESTATE_INGRESS_URL):
  - the Messaging Service's inbound webhook → <ingress>/TwilioWebhooks/onIncomingMessage (STOP, START, and
    texts to closed threads);
  - every active or inactive conversation gets the webhooks a new lead's conversation gets
    (<ingress>/TwilioWebhooks/sync for messages, …/close for state changes); the old system's webhooks for
    those handlers at another host are removed after ours are added; other webhooks are left alone.
Without --apply it only reports what it would change. Run it again at any time: it recomputes what is left
from Twilio, so a run that stopped half-way is finished by the next, and a second run changes nothing.
Phone numbers in names are masked. Exit code 1 when a conversation failed (run again), 2 for bad arguments.

  --apply     make the changes (default: dry run)
  --verbose   one line per conversation`,
    settingsHelp: CUTOVER_SETTINGS_HELP,
    options: { apply: { type: "boolean" }, verbose: { type: "boolean", short: "v" } },
    positionals: [],
    parse: (_positionals, values) => ({ apply: values.apply === true, verbose: values.verbose === true }),
};

/** Runs the command; `twilio` replaces the real account (tests). Returns the process exit code. */
export async function cutover(argv: string[], env: Env = process.env, twilio?: CutoverTwilio): Promise<number> {
    const parsed = parseCommand(cutoverCommand, argv);
    if (parsed.help) {
        process.stdout.write(parsed.text);
        return 0;
    }
    const { apply, verbose } = parsed.args;
    const settings = cutoverSettings(env);
    const target = targetOf(settings.PUBLIC_RESTATE_INGRESS_URL);
    say(
        NAME,
        `${apply ? "applying" : "dry run"}: Messaging Service ${settings.TWILIO_MESSAGING_SERVICE_SID} → ${settings.PUBLIC_RESTATE_INGRESS_URL}`,
    );
    let report: Awaited<ReturnType<typeof runCutover>>;
    try {
        report = await runCutover(twilio ?? cutoverTwilio(settings), target, {
            apply,
            onProgress: progressReporter(`${NAME}: conversations`),
        });
    } catch (error) {
        throw new CliError(`Twilio: ${maskPhonesInText(describeError(error))}; nothing more was changed, run again`);
    }
    for (const line of reportLines(report, verbose)) say(NAME, line);
    return report.outcomes.some((o) => o.error) ? 1 : 0;
}

if (import.meta.main) {
    await runCli(NAME, async () => {
        const code = await cutover(process.argv.slice(2));
        if (code !== 0) process.exit(code);
    });
}
