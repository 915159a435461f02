import { createDocumentClient } from "../db/dynamo";
import { LeadStatesTable } from "../db/lead-states.table";
import { OptedOutNumbersTable } from "../db/opted-out-numbers.table";
import { tableNames } from "../db/table-names";
import { readInvocationFigures } from "./health-invocations";
import { leadFigures, scanLeadsForHealth } from "./health-leads";
import { optOutsLastDay, scanOptOutsForHealth } from "./health-opt-outs";
import { type HealthReport, healthReport } from "./health-report";
import type { HealthSettings } from "./health-settings";

/** A source of the figures could not be read; the message names it and where it was looked for. */
export class HealthSourceError extends Error {
    override readonly name = "HealthSourceError";
}

async function read<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new HealthSourceError(`cannot read ${what} (${reason.split("\n")[0]})`);
    }
}

/**
 * Reads every figure once, at `now`: the retrying and paused invocations from Restate's admin SQL, and a scan
 * of the lead projection and of the opt-outs. Reads only; nothing is written anywhere.
 */
export async function collectHealth(settings: HealthSettings, now = new Date()): Promise<HealthReport> {
    const db = createDocumentClient({ region: settings.region, endpoint: settings.dynamoEndpoint });
    const names = tableNames(settings.tablePrefix);
    const where = settings.dynamoEndpoint ?? `AWS ${settings.region}`;
    try {
        const [invocations, leads, optOuts] = await Promise.all([
            read(`the invocations from the Restate admin API at ${settings.restateAdminUrl}`, () =>
                readInvocationFigures(settings.restateAdminUrl, now, settings.stuckAfterMs),
            ),
            read(`${names.leadStates} at ${where}`, () =>
                scanLeadsForHealth(new LeadStatesTable(db, names.leadStates)),
            ),
            read(`${names.optedOutNumbers} at ${where}`, () =>
                scanOptOutsForHealth(new OptedOutNumbersTable(db, names.optedOutNumbers)),
            ),
        ]);
        return healthReport(settings, now, {
            invocations,
            leads: leadFigures(leads, now, settings.overdueAfterMs),
            optOutsLastDay: optOutsLastDay(optOuts, now),
        });
    } finally {
        db.destroy();
    }
}
