import type { BehaviourSettings, CallRecord, SettingsPatch } from "sandbox";
import { z } from "zod";
import { stack } from "./api";
import type { StackTarget } from "./web2text";

/** Calls the sandbox recorded for a vendor (`nexus`, `twilio`, …) after sequence number `since`. */
export async function sandboxCalls(service: string, since = 0): Promise<CallRecord[]> {
    const res = await fetch(`${stack().urls.sandbox}/__sandbox/calls?service=${service}&since=${since}`);
    if (!res.ok) throw new Error(`sandbox calls: HTTP ${res.status}`);
    return (await res.json()) as CallRecord[];
}

/** Clears a Lead object's Restate state through the admin API, as an operator wiping state would. */
export async function wipeLeadState(leadId: string, admin = stack().urls.admin): Promise<void> {
    const res = await fetch(`${admin}/services/Lead/state`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ object_key: leadId, new_state: {} }),
    });
    if (!res.ok) throw new Error(`clearing state of ${leadId}: HTTP ${res.status} ${await res.text()}`);
}

const Rows = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });

/** Runs a query against Restate's admin SQL (`state`, `sys_invocation`, …) of the shared stack. */
export function restateSql(query: string): Promise<Record<string, unknown>[]> {
    return restateSqlAt(stack().urls.admin, query);
}

/** Runs a query against the admin SQL of the Restate server at `admin` and returns the rows. */
export async function restateSqlAt(admin: string, query: string): Promise<Record<string, unknown>[]> {
    const res = await fetch(`${admin}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
    });
    if (!res.ok) throw new Error(`admin query: HTTP ${res.status} ${await res.text()}`);
    return Rows.parse(await res.json()).rows;
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The keys the Restate state of a Lead object holds. */
export async function leadStateKeys(leadId: string, admin = stack().urls.admin): Promise<string[]> {
    const rows = await restateSqlAt(
        admin,
        `SELECT key FROM state WHERE service_name = 'Lead' AND service_key = ${quote(leadId)}`,
    );
    return rows.map((r) => String(r.key));
}

/** Statuses of the invocations of `Lead/{leadId}/{handler}` Restate knows about (e.g. `completed`). */
export function leadInvocations(leadId: string, handler: string): Promise<string[]> {
    return leadInvocationsAt(stack().urls.admin, leadId, handler);
}

/** The same, on the Restate server at `admin` (a test's own stack). */
export async function leadInvocationsAt(admin: string, leadId: string, handler: string): Promise<string[]> {
    return (await leadInvocationRows(admin, leadId, handler)).map((r) => r.status);
}

/** The invocations of `Lead/{leadId}/{handler}` on the Restate server at `admin`: id and status, oldest first. */
export async function leadInvocationRows(
    admin: string,
    leadId: string,
    handler: string,
): Promise<{ id: string; status: string }[]> {
    const rows = await restateSqlAt(
        admin,
        `SELECT id, status FROM sys_invocation WHERE target = ${quote(`Lead/${leadId}/${handler}`)} ORDER BY created_at`,
    );
    return rows.map((r) => ({ id: String(r.id), status: String(r.status) }));
}

/** The names of an invocation's journaled steps and calls, in order (`sys_journal`). */
export async function journalNames(admin: string, invocationId: string): Promise<string[]> {
    const rows = await restateSqlAt(
        admin,
        `SELECT name FROM sys_journal WHERE id = ${quote(invocationId)} ORDER BY index`,
    );
    return rows.map((r) => (r.name === null || r.name === undefined ? "" : String(r.name))).filter(Boolean);
}

/** Statuses of every invocation of a service (e.g. `TwilioWebhooks`) on the Restate server at `admin`. */
export async function serviceInvocationsAt(admin: string, service: string): Promise<string[]> {
    const rows = await restateSqlAt(
        admin,
        `SELECT status FROM sys_invocation WHERE target_service_name = ${quote(service)}`,
    );
    return rows.map((r) => String(r.status));
}

/** Changes the sandbox's behaviour settings (`PUT /__sandbox/settings`) and returns them all. */
export async function sandboxSettings(t: StackTarget, patch: SettingsPatch): Promise<BehaviourSettings> {
    const res = await fetch(`${t.sandbox}/__sandbox/settings`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(patch),
    });
    if (!res.ok) throw new Error(`sandbox settings: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as BehaviourSettings;
}
