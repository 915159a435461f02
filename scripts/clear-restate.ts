/**
 * `bun scripts/clear-restate.ts` — for each lead processor service (Lead, OpenLeads, LeadLookup, Dealer, Admin,
 * TwilioWebhooks):
 * kills its in-flight invocations, purges its completed ones and clears the state of every key, through the
 * Restate admin API at `RESTATE_ADMIN_URL` (default http://127.0.0.1:9070). Services Restate does not know
 * yet are skipped with a note.
 */
import { runCli, say } from "./lib/cli";
import { envOr, LEAD_PROCESSOR_SERVICES } from "./lib/dev-defaults";
import { clearRestate, RestateAdmin } from "./lib/restate-admin";

export const DEFAULT_RESTATE_ADMIN_URL = "http://127.0.0.1:9070";

export function restateAdminFromEnv(): RestateAdmin {
    return new RestateAdmin(envOr("RESTATE_ADMIN_URL", DEFAULT_RESTATE_ADMIN_URL).replace(/\/+$/, ""));
}

/** Clears all four services; prints one line per service and a total. */
export async function clearRestateCommand(name = "clear-restate"): Promise<void> {
    const admin = restateAdminFromEnv();
    say(name, `clearing Restate at ${admin.url}`);
    const results = await clearRestate(admin, LEAD_PROCESSOR_SERVICES, (line) => say(name, line));
    const sum = (k: "killed" | "purged" | "clearedKeys") => results.reduce((n, r) => n + r[k], 0);
    say(
        name,
        `done: ${sum("killed")} invocation(s) killed, ${sum("purged")} purged, state of ${sum("clearedKeys")} key(s) cleared`,
    );
}

if (import.meta.main) await runCli("clear-restate", () => clearRestateCommand());
