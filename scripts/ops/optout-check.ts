/**
 * `bun run optout:check <phone> [--json]` — has this phone opted out of our texts
 * (`TwilioWebhooks/checkOptInStatus`)? The phone is shown masked except its last 4 digits.
 */
import { toE164 } from "common";
import { CliError, runCli } from "../lib/cli";
import { type Command, callIngress, type Env, maskPhone, opsSettings, parseCommand } from "./lib";

const NAME = "optout:check";

export const optoutCheckCommand: Command<{ phone: string; json: boolean }> = {
    name: NAME,
    usage: `usage: bun run ${NAME} <phone> [--json]

Prints OPTED-IN, or OPTED-OUT with the numbers of ours the phone texted STOP to (it then gets no new
Web2Text leads). The phone may be in any common notation (US default); output shows only its last 4 digits.`,
    options: { json: { type: "boolean" } },
    positionals: ["<phone>"],
    parse: ([raw], values) => {
        const phone = toE164(raw?.trim() ?? "");
        if (!phone) throw new CliError(`'${maskPhone(raw ?? "")}' is not a phone number`, 2);
        return { phone, json: values.json === true };
    },
};

type OptInStatus = { Status: "OPTED-IN" } | { Status: "OPTED-OUT"; OptInNumbers: string[] };

export async function optoutCheck(argv: string[], env: Env = process.env): Promise<void> {
    const parsed = parseCommand(optoutCheckCommand, argv);
    if (parsed.help) {
        process.stdout.write(parsed.text);
        return;
    }
    const { phone, json } = parsed.args;
    const status = await callIngress<OptInStatus>(opsSettings(env), "/TwilioWebhooks/checkOptInStatus", {
        body: { PhoneNumber: phone },
        endpoint: "TwilioWebhooks/getOptInNumber",
        action: `check the opt-in status of ${maskPhone(phone)}`,
    });
    const masked = maskPhone(phone);
    if (json) {
        process.stdout.write(`${JSON.stringify({ PhoneNumber: masked, ...status }, null, 2)}\n`);
        return;
    }
    const line =
        status.Status === "OPTED-OUT"
            ? `${masked}: OPTED-OUT from ${status.OptInNumbers.join(", ") || "(no numbers listed)"}`
            : `${masked}: ${status.Status}`;
    process.stdout.write(`${line}\n`);
}

if (import.meta.main) await runCli(NAME, () => optoutCheck(process.argv.slice(2)));
