/**
 * `bun run lead:resync <leadId> [--timeout <seconds>]` — runs the lead's integrations again
 * (`Lead/{id}/sync`) and prints each integration's state afterwards.
 */
import { CliError, runCli } from "../lib/cli";
import type { OptionValues } from "../lib/command-line";
import {
    type Command,
    callIngress,
    type Env,
    integrationLines,
    type LeadView,
    leadIdArgument,
    opsSettings,
    parseCommand,
} from "./lib";

const NAME = "lead:resync";

/** Parses `--timeout` (seconds, 1–900). */
export function timeoutArgument(value: OptionValues[string], fallback: number): number {
    if (value === undefined) return fallback;
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900) {
        throw new CliError(`--timeout '${String(value)}' must be a whole number of seconds (1-900)`, 2);
    }
    return seconds;
}

export const leadResyncCommand: Command<{ leadId: string; timeoutSeconds: number }> = {
    name: NAME,
    usage: `usage: bun run ${NAME} <leadId> [--timeout <seconds>]

Sends Lead/<leadId>/sync (the lead must be ACTIVE or SYNCING), waits until every integration ran (default
at most 120 s) and prints each integration's SyncStatus, LastSynced and ErrorInfo. A failing integration is
recorded as ERROR, not a failure of the command.`,
    options: { timeout: { type: "string" } },
    positionals: ["<leadId>"],
    parse: ([id], values) => ({ leadId: leadIdArgument(id), timeoutSeconds: timeoutArgument(values.timeout, 120) }),
};

export async function leadResync(argv: string[], env: Env = process.env): Promise<void> {
    const parsed = parseCommand(leadResyncCommand, argv);
    if (parsed.help) {
        process.stdout.write(parsed.text);
        return;
    }
    const { leadId, timeoutSeconds } = parsed.args;
    const settings = opsSettings(env);
    const lead = await callIngress<LeadView>(settings, `/Lead/${leadId}/sync`, {
        endpoint: "Lead/sync",
        action: `sync lead ${leadId}`,
        timeoutMs: timeoutSeconds * 1000,
    }).catch((error: unknown) => {
        if (error instanceof CliError && error.message.startsWith("no answer")) {
            throw new CliError(
                `${error.message}; the sync goes on in Restate: follow it with bun run lead:show ${leadId}`,
            );
        }
        throw error;
    });
    const errors = Object.entries(lead.Integrations ?? {}).filter(([, s]) => s.SyncStatus === "ERROR");
    const lines = [`${NAME}: synced lead ${leadId}: status ${lead.Status}`, ...integrationLines(lead.Integrations)];
    if (errors.length > 0) {
        lines.push(`${errors.length} integration(s) in ERROR: ${errors.map(([name]) => name).join(", ")}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
}

if (import.meta.main) await runCli(NAME, () => leadResync(process.argv.slice(2)));
