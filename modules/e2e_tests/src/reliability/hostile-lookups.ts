import fc from "fast-check";
import { z } from "zod";
import { openLeadKeyAt } from "../support/open-leads";
import { restateRows } from "../support/restate-sql";
import { store } from "../support/web2text";
import { type Context, freshPhone, pooled } from "./context";
import { hostileString, MB, notPhone, notString, notUuid, post, seedKey } from "./hostile-values";
import type { Tally } from "./scorecard";

type Json = Record<string, unknown>;
const FIELDS = ["RetailerId", "LocationId", "CustomerPhone"] as const;

/** A valid lookup for a customer of the seeded Chicago store that has no lead. */
function validLookup(ctx: Context): Json {
    const { retailer, locationId } = store("chicago");
    return { RetailerId: retailer.UniversalRetailerId, LocationId: locationId, CustomerPhone: freshPhone(ctx) };
}

function hostileLookupBodies(ctx: Context): fc.Arbitrary<{ kind: string; text: string; status?: number }> {
    const body = (kind: string, value: unknown, status?: number) => ({
        kind,
        text: JSON.stringify(value),
        ...(status ? { status } : {}),
    });
    return fc.oneof(
        fc
            .tuple(fc.constantFrom(...FIELDS), notString)
            .map(([field, v]) => body("wrong type", { ...validLookup(ctx), [field]: v })),
        fc.constantFrom(...FIELDS).map((field) => {
            const { [field]: _dropped, ...rest } = validLookup(ctx);
            return body("missing field", rest);
        }),
        fc
            .tuple(fc.constantFrom("RetailerId", "LocationId"), notUuid)
            .map(([field, v]) => body("invalid UUID", { ...validLookup(ctx), [field]: v })),
        notPhone.map((v) => body("invalid phone", { ...validLookup(ctx), CustomerPhone: v })),
        fc.constantFrom(...FIELDS).map((field) => body("1 MB string", { ...validLookup(ctx), [field]: MB }, 413)),
        fc
            .oneof(fc.integer(), hostileString, fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }))
            .map((v) => body("not an object", v)),
        hostileString.map((s) => ({ kind: "not JSON", text: `{"RetailerId": ${s}` })),
    );
}

/** How many lookups the body form passed on to the open-lead index so far. */
async function indexLookups(ctx: Context): Promise<number> {
    const query =
        "SELECT id FROM sys_invocation WHERE target_service_name = 'OpenLeads' AND target_handler_name = 'openLead' AND invoked_by_service_name = 'LeadLookup'";
    return (await restateRows(ctx.t.admin, query, z.unknown())).length;
}

/**
 * The open-lead lookups under hostile input. `LeadLookup/openLead`: generated bodies are refused with a 4xx (413
 * over the body limit) and never reach the index; a missing key, a key for other endpoints or an inactive one is 401. A valid lookup
 * (the control) answers 200 `{"OpenLead": null}` and does reach it, so the refusals failed on their input alone.
 */
export async function hostileLookups(ctx: Context, tally: Tally): Promise<void> {
    const samples = fc.sample(hostileLookupBodies(ctx), {
        numRuns: Math.max(20, Math.floor(ctx.profile.hostileBodies / 4)),
        seed: ctx.seed + 2,
    });
    const before = await indexLookups(ctx);
    await pooled(samples, 4, async (h) => {
        const res = await post(ctx, "/LeadLookup/openLead", h.text);
        const refused = h.status ? res.status === h.status : res.status >= 400 && res.status < 500;
        tally.attempt(
            refused ? undefined : `lookup ${h.kind} ${h.text.slice(0, 80)}: HTTP ${res.status} ${res.text}`,
            res.status < 400 ? "acceptedBad" : undefined,
        );
    });
    const valid = JSON.stringify(validLookup(ctx));
    for (const [what, auth] of [
        ["no header", null],
        ["key for other endpoints", `Bearer ${await seedKey(ctx, true, ["Lead/status", "Lead/create"])}`],
        ["inactive key", `Bearer ${await seedKey(ctx, false, ["Lead/openLead"])}`],
    ] as const) {
        const res = await post(ctx, "/LeadLookup/openLead", valid, auth);
        tally.attempt(
            res.status === 401 ? undefined : `lookup, ${what}: HTTP ${res.status} ${res.text}`,
            res.status < 400 ? "acceptedBad" : undefined,
        );
    }
    const reached = (await indexLookups(ctx)) - before;
    tally.attempt(reached === 0 ? undefined : `${reached} refused lookup(s) reached the index`, "acceptedBad");
    const control = await post(
        ctx,
        "/LeadLookup/openLead",
        valid,
        `Bearer ${await seedKey(ctx, true, ["Lead/openLead"])}`,
    );
    tally.attempt(
        control.status === 200 && control.text === '{"OpenLead":null}'
            ? undefined
            : `lookup control: HTTP ${control.status} ${control.text}`,
    );
    const byKey = await hostileKeyLookups(ctx, tally);
    tally.notes.push(`${samples.length} hostile open-lead lookups with a body, ${byKey} by key`);
}

/** Whether a URL can carry `s` (no lone surrogate). */
function encodable(s: string): boolean {
    try {
        encodeURIComponent(s);
        return true;
    } catch {
        return false;
    }
}

/** A customer of the seeded Chicago store without a lead: the lookup by key's valid key and body. */
function validKeyLookup(ctx: Context): { key: string; body: string } {
    const CustomerPhone = freshPhone(ctx);
    return { key: openLeadKeyAt("chicago", CustomerPhone), body: JSON.stringify({ CustomerPhone }) };
}

/**
 * Lookups by key no website should send: a hostile key with the right body, or the right key with a hostile
 * body. Each must be refused (4xx) with nothing stored. Only keys a URL can carry (no lone surrogate: the body
 * form's samples test those).
 */
function hostileKeyLookupsOf(ctx: Context): fc.Arbitrary<{ kind: string; key: string; body: string }> {
    const valid = validKeyLookup(ctx);
    const parts = valid.key.split("|");
    const withPart = (i: number, v: string) => parts.map((part, j) => (j === i ? v : part)).join("|");
    const badKey = (kind: string, key: string) => ({ kind, key, body: valid.body });
    const badBody = (kind: string, value: unknown) => ({ kind, key: valid.key, body: JSON.stringify(value) });
    return fc.oneof(
        hostileString.filter((s) => s.trim() !== "" && encodable(s)).map((key) => badKey("any key", key)),
        fc
            .tuple(fc.integer({ min: 0, max: 2 }), notUuid.filter(encodable))
            .map(([i, v]) => badKey("bad key part", withPart(i, v))),
        fc.constantFrom(
            badKey("the phone instead of its digest", withPart(2, JSON.parse(valid.body).CustomerPhone)),
            badKey("upper-case ids", withPart(0, parts[0]?.toUpperCase() ?? "")),
            badKey("missing part", parts.slice(0, 2).join("|")),
            badKey("extra part", [...parts, "x"].join("|")),
            badKey("4 KB key", withPart(2, "9".repeat(4096))),
        ),
        notPhone.map((v) => badBody("invalid phone", { CustomerPhone: v })),
        notString.map((v) => badBody("phone of a wrong type", { CustomerPhone: v })),
        fc.constant(badBody("another customer's phone", { CustomerPhone: freshPhone(ctx) })),
        fc.constant(badBody("missing phone", {})),
        hostileString.map((v) => ({ kind: "body not JSON", key: valid.key, body: `{"CustomerPhone": ${v}` })),
    );
}

/**
 * The lookup by key under hostile keys, bodies and credentials: every lookup is refused with a 4xx and leaves no
 * state in the index, and the valid lookup with a bad credential is 401; with the run's key it answers
 * `{"OpenLead": null}`.
 */
async function hostileKeyLookups(ctx: Context, tally: Tally): Promise<number> {
    const samples = fc.sample(hostileKeyLookupsOf(ctx), {
        numRuns: Math.max(20, Math.floor(ctx.profile.hostileBodies / 4)),
        seed: ctx.seed + 3,
    });
    const path = (key: string) => `/OpenLeads/${encodeURIComponent(key)}/openLead`;
    await pooled(samples, 4, async (h) => {
        const res = await post(ctx, path(h.key), h.body);
        tally.attempt(
            res.status >= 400 && res.status < 500
                ? undefined
                : `lookup by key, ${h.kind}: HTTP ${res.status} ${res.text}`,
            res.status < 400 ? "acceptedBad" : undefined,
        );
    });
    const stored = await indexEntriesOf(
        ctx,
        samples.map((h) => h.key),
    );
    tally.attempt(stored === 0 ? undefined : `${stored} hostile key(s) hold index state`, "acceptedBad");
    const valid = validKeyLookup(ctx);
    for (const [what, auth] of [
        ["no header", null],
        ["key for other endpoints", `Bearer ${await seedKey(ctx, true, ["Lead/status", "Lead/create"])}`],
        ["inactive key", `Bearer ${await seedKey(ctx, false, ["Lead/openLead"])}`],
    ] as const) {
        const res = await post(ctx, path(valid.key), valid.body, auth);
        tally.attempt(
            res.status === 401 ? undefined : `lookup by key, ${what}: HTTP ${res.status} ${res.text}`,
            res.status < 400 ? "acceptedBad" : undefined,
        );
    }
    const control = await post(ctx, path(valid.key), valid.body);
    tally.attempt(
        control.status === 200 && control.text === '{"OpenLead":null}'
            ? undefined
            : `lookup by key control: HTTP ${control.status} ${control.text}`,
    );
    return samples.length;
}

/** How many of `keys` hold state in the open-lead index (none should: a lookup never writes). */
async function indexEntriesOf(ctx: Context, keys: string[]): Promise<number> {
    const query = "SELECT service_key FROM state WHERE service_name = 'OpenLeads'";
    const held = await restateRows(ctx.t.admin, query, z.object({ service_key: z.string() }));
    const asked = new Set(keys);
    return held.filter((row) => asked.has(row.service_key)).length;
}
