/**
 * `bun run lead:close <leadId> --reason "<text>"` — closes the lead (`Lead/{id}/close`) and prints its final
 * status and close reason.
 */
import { CliError, runCli } from "../lib/cli";
import {
    type Command,
    callIngress,
    type Env,
    integrationLines,
    type LeadView,
    leadIdArgument,
    opsSettings,
    parseCommand,
    row,
} from "./lib";

const NAME = "lead:close";

export const leadCloseCommand: Command<{ leadId: string; reason: string }> = {
    name: NAME,
    usage: `usage: bun run ${NAME} <leadId> --reason "<text>"

Sends Lead/<leadId>/close with the reason (1-1000 characters) and prints the final status, the close reason
and each integration's state. Only the first reason a lead gets is kept; closing a CLOSED lead retries
integrations that did not close yet.`,
    options: { reason: { type: "string" } },
    positionals: ["<leadId>"],
    parse: ([id], values) => {
        const leadId = leadIdArgument(id);
        const reason = typeof values.reason === "string" ? values.reason.trim() : "";
        if (!reason) throw new CliError('--reason "<text>" is required (why the lead is closed)', 2);
        if (reason.length > 1000) throw new CliError("--reason must be at most 1000 characters", 2);
        return { leadId, reason };
    },
};

export async function leadClose(argv: string[], env: Env = process.env): Promise<void> {
    const parsed = parseCommand(leadCloseCommand, argv);
    if (parsed.help) {
        process.stdout.write(parsed.text);
        return;
    }
    const { leadId, reason } = parsed.args;
    const lead = await callIngress<LeadView>(opsSettings(env), `/Lead/${leadId}/close`, {
        body: { reason },
        endpoint: "Lead/close",
        action: `close lead ${leadId}`,
        timeoutMs: 120_000,
    });
    const kept = lead.CloseReason === reason ? "" : "  (the lead already had a reason; the first one is kept)";
    const lines = [
        `${NAME}: lead ${leadId} is ${lead.Status}`,
        row("Close reason", `${lead.CloseReason ?? "(none)"}${kept}`),
        row("Integrations", ""),
        ...integrationLines(lead.Integrations),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
}

if (import.meta.main) await runCli(NAME, () => leadClose(process.argv.slice(2)));
