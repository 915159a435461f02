import fc from "fast-check";
import { z } from "zod";
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

/** How many times the open-lead index answered a lookup so far (its `lookup` invocations). */
async function indexLookups(ctx: Context): Promise<number> {
    const res = await fetch(`${ctx.t.admin}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
            query: "SELECT id FROM sys_invocation WHERE target_service_name = 'OpenLeads' AND target_handler_name = 'lookup'",
        }),
    });
    if (!res.ok) throw new Error(`admin query: HTTP ${res.status} ${await res.text()}`);
    return z.object({ rows: z.array(z.unknown()) }).parse(await res.json()).rows.length;
}

/**
 * `LeadLookup/openLead` under hostile input: generated bodies are refused with a 4xx (413 over the body limit)
 * and never reach the index; a missing key, a key for other endpoints or an inactive one is 401. A valid lookup
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
    tally.notes.push(`${samples.length} hostile open-lead lookups`);
}
