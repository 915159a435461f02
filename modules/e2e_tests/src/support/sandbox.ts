import type { CallRecord } from "sandbox";
import { z } from "zod";
import { stack } from "./api";
import { restateRows, sqlString } from "./restate-sql";

/** Calls the sandbox recorded for a vendor (`nexus`, `twilio`, …) after sequence number `since`. */
export async function sandboxCalls(service: string, since = 0): Promise<CallRecord[]> {
    const res = await fetch(`${stack().urls.sandbox}/__sandbox/calls?service=${service}&since=${since}`);
    if (!res.ok) throw new Error(`sandbox calls: HTTP ${res.status}`);
    return (await res.json()) as CallRecord[];
}

/** Clears a Lead object's Restate state through the admin API, as an operator wiping state would. */
export async function wipeLeadState(leadId: string): Promise<void> {
    const res = await fetch(`${stack().urls.admin}/services/Lead/state`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ object_key: leadId, new_state: {} }),
    });
    if (!res.ok) throw new Error(`clearing state of ${leadId}: HTTP ${res.status} ${await res.text()}`);
}

/** Runs a query against the e2e stack's Restate admin SQL (`state`, `sys_invocation`, …) and returns the rows. */
export function restateSql(query: string): Promise<Record<string, unknown>[]> {
    return restateRows(stack().urls.admin, query, z.record(z.string(), z.unknown()));
}

/** The keys the Restate state of a Lead object holds. */
export async function leadStateKeys(leadId: string): Promise<string[]> {
    const rows = await restateSql(
        `SELECT key FROM state WHERE service_name = 'Lead' AND service_key = ${sqlString(leadId)}`,
    );
    return rows.map((r) => String(r.key));
}

/** Statuses of the invocations of `Lead/{leadId}/{handler}` Restate knows about (e.g. `completed`). */
export async function leadInvocations(leadId: string, handler: string): Promise<string[]> {
    const rows = await restateSql(
        `SELECT status FROM sys_invocation WHERE target = ${sqlString(`Lead/${leadId}/${handler}`)}`,
    );
    return rows.map((r) => String(r.status));
}
