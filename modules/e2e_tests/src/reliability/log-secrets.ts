/**
 * Scenario 7: the product's logs of the whole run (lead processor, Twilio proxy, restate-server) hold no
 * secret and no full phone number: the internal token, every API key the run used, the Twilio auth token,
 * and the ten national digits of every customer number the run created leads for.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { seed } from "sandbox";
import type { Context } from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

/** The parts that are the product; the sandbox (vendor stand-ins) and dynalite are test fixtures. */
const PRODUCT_LOGS = ["leadProcessor.log", "proxy.log", "restate.log"];

export async function logSecrets(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("no secrets or phones in logs");
    const logs = PRODUCT_LOGS.filter((f) => existsSync(join(ctx.logDir, f))).map((f) => ({
        file: f,
        text: readFileSync(join(ctx.logDir, f), "utf8"),
    }));
    const lpLog = logs.find((l) => l.file === "leadProcessor.log");
    if (!lpLog || lpLog.text.length === 0) tally.problem("the lead processor wrote no log: nothing to scan");
    const needles: [string, string][] = [
        ["internal token", ctx.stack.internalToken],
        ["Twilio auth token", seed.twilio.authToken],
        ...[...ctx.secrets].map((k): [string, string] => ["API key", k]),
        ...[...ctx.phones].map((p): [string, string] => [`phone ${p.slice(0, 5)}…`, p.replace(/\D/g, "").slice(-10)]),
    ];
    for (const [what, needle] of needles) {
        const hits = logs.filter((l) => l.text.includes(needle) || l.text.toLowerCase().includes(needle.toLowerCase()));
        const line = hits[0]?.text.split("\n").find((l) => l.toLowerCase().includes(needle.toLowerCase()));
        tally.attempt(
            hits.length ? `${what} found in ${hits.map((h) => h.file).join(", ")}: ${line?.slice(0, 200)}` : undefined,
            "acceptedBad",
        );
    }
    const bytes = logs.reduce((s, l) => s + l.text.length, 0);
    tally.notes.push(
        `${needles.length} needles in ${logs.length} logs (${Math.round(bytes / 1024)} KB): ${ctx.logDir}`,
    );
    return tally.result();
}
