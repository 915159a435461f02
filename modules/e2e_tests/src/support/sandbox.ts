import type { BehaviourSettings, CallRecord, SettingsPatch } from "sandbox";
import { z } from "zod";
import { stack } from "./api";
import { restateRows, sqlString } from "./restate-sql";
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

/** Runs a query against the e2e stack's Restate admin SQL (`state`, `sys_invocation`, …) and returns the rows. */
export function restateSql(query: string): Promise<Record<string, unknown>[]> {
    return restateRows(stack().urls.admin, query, z.record(z.string(), z.unknown()));
}

/** The keys the Restate state of a Lead object holds (on the shared stack, or the Restate admin at `admin`). */
export async function leadStateKeys(leadId: string, admin = stack().urls.admin): Promise<string[]> {
    const rows = await restateRows(
        admin,
        `SELECT key FROM state WHERE service_name = 'Lead' AND service_key = ${sqlString(leadId)}`,
        z.object({ key: z.string() }),
    );
    return rows.map((r) => r.key);
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
export function leadInvocationRows(
    admin: string,
    leadId: string,
    handler: string,
): Promise<{ id: string; status: string }[]> {
    return restateRows(
        admin,
        `SELECT id, status FROM sys_invocation WHERE target = ${sqlString(`Lead/${leadId}/${handler}`)} ORDER BY created_at`,
        z.object({ id: z.string(), status: z.string() }),
    );
}

/** The names of an invocation's journaled steps and calls, in order (`sys_journal`). */
export async function journalNames(admin: string, invocationId: string): Promise<string[]> {
    const rows = await restateRows(
        admin,
        `SELECT name FROM sys_journal WHERE id = ${sqlString(invocationId)} ORDER BY index`,
        z.object({ name: z.string().nullish() }),
    );
    return rows.flatMap((r) => (r.name ? [r.name] : []));
}

/** Statuses of every invocation of a service (e.g. `TwilioWebhooks`) on the Restate server at `admin`. */
export async function serviceInvocationsAt(admin: string, service: string): Promise<string[]> {
    const rows = await restateRows(
        admin,
        `SELECT status FROM sys_invocation WHERE target_service_name = ${sqlString(service)}`,
        z.object({ status: z.string() }),
    );
    return rows.map((r) => r.status);
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

/** Gives a seeded store other hours in both Nexus APIs (`PUT /__sandbox/nexus/locations/{id}/hours`). */
export async function setStoreHours(t: StackTarget, locationId: string, hours: Record<string, string> | null) {
    const res = await fetch(`${t.sandbox}/__sandbox/nexus/locations/${locationId}/hours`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ hours_of_operation: hours }),
    });
    if (!res.ok) throw new Error(`store hours: HTTP ${res.status} ${await res.text()}`);
}

/** Puts a seeded store's own hours back (`DELETE /__sandbox/nexus/locations/{id}/hours`). */
export async function resetStoreHours(t: StackTarget, locationId: string): Promise<void> {
    const res = await fetch(`${t.sandbox}/__sandbox/nexus/locations/${locationId}/hours`, { method: "DELETE" });
    if (!res.ok) throw new Error(`store hours reset: HTTP ${res.status} ${await res.text()}`);
}
