/**
 * Scenario 6: hostile input. Generated create bodies (fast-check) are all refused with a 4xx and store
 * nothing (`ReplaceOpenLead` that is not a boolean, or on an ACTON lead, among them); generated open-lead lookups
 * are refused with a 4xx naming the field and never reach the index (hostile-lookups.ts); forged, unsigned and replayed-with-changed-body Twilio webhooks are 401 and change nothing; bad
 * API keys and near-miss internal tokens are 401; bodies over 256 KB are 413.
 */
import fc from "fast-check";
import { seed } from "sandbox";
import { REQUIRED_CREATE_FIELDS } from "../support/create-body-fields";
import { actOnRequest } from "../support/factories";
import { INTEGRATIONS, waitUntilSynced } from "../support/leads";
import { conversation, postWebhook, twilioSignature, webhookUrl } from "../support/twilio";
import { createLead, ingress, leadState, twilioSynced, web2TextLead } from "../support/web2text";
import { type Context, freshPhone, pooled } from "./context";
import { hostileLookups } from "./hostile-lookups";
import { hostileString, MB, notBoolean, notEmail, notPhone, notString, notUuid, post, seedKey } from "./hostile-values";
import { type ScenarioResult, Tally } from "./scorecard";

type Json = Record<string, unknown>;
interface Hostile {
    kind: string;
    /** A JSON value, or raw text sent as is. */
    body: unknown;
    raw?: string;
    leadId?: string;
}

function set(body: Json, path: string, value: unknown): Json {
    const keys = path.split(".");
    let node: Json = body;
    for (const key of keys.slice(0, -1)) node = node[key] as Json;
    node[keys.at(-1) ?? ""] = value;
    return body;
}
function drop(body: Json, path: string): Json {
    const keys = path.split(".");
    let node: Json = body;
    for (const key of keys.slice(0, -1)) node = node[key] as Json;
    delete node[keys.at(-1) ?? ""];
    return body;
}

function hostileBodies(ctx: Context): fc.Arbitrary<Hostile> {
    const w2t = () => web2TextLead("chicago", freshPhone(ctx)) as Json;
    const act = () => actOnRequest() as Json;
    const base = fc.constantFrom<["WEB2TEXT" | "ACTON", () => Json]>(["WEB2TEXT", w2t], ["ACTON", act]);
    const strings = {
        WEB2TEXT: [
            "UniversalRetailerId",
            "Lead.LocationId",
            "Lead.PageUrl",
            "Lead.Name",
            "Lead.PhoneNumber",
            "Lead.CustomerMessage",
        ],
        ACTON: [
            "UniversalRetailerId",
            "Lead.First Name",
            "Lead.Last Name",
            "Lead.E-mail Address",
            "Lead.Home Postal Code",
        ],
    };
    return fc.oneof(
        base.chain(([type, make]) =>
            fc
                .tuple(fc.constantFrom(...strings[type]), notString)
                .map(([path, v]) => ({ kind: "wrong type", body: set(make(), path, v) })),
        ),
        base.chain(([type, make]) =>
            fc
                .constantFrom(...REQUIRED_CREATE_FIELDS[type])
                .map((path) => ({ kind: "missing field", body: drop(make(), path) })),
        ),
        // Unknown top-level fields are stripped by contract (a valid body with one is accepted and stored
        // without it), so the extra fields ride on a body missing a required field: they must not save it.
        base.chain(([type, make]) =>
            fc
                .tuple(
                    fc.constantFrom(...REQUIRED_CREATE_FIELDS[type]),
                    fc.dictionary(
                        fc
                            .string({ minLength: 1, maxLength: 12 })
                            .filter((k) => !["LeadType", "UniversalRetailerId", "Lead", "SyncImmediately"].includes(k)),
                        hostileString,
                        { minKeys: 1, maxKeys: 4 },
                    ),
                )
                .map(([path, extra]) => ({ kind: "extra fields", body: { ...drop(make(), path), ...extra } })),
        ),
        base.chain(([type, make]) =>
            fc.constantFrom(...strings[type]).map((path) => ({ kind: "1 MB string", body: set(make(), path, MB) })),
        ),
        base.chain(([, make]) =>
            notUuid.map((v) => ({ kind: "invalid UUID", body: set(make(), "UniversalRetailerId", v) })),
        ),
        notPhone.map((v) => ({ kind: "invalid phone", body: set(w2t(), "Lead.PhoneNumber", v) })),
        notEmail.map((v) => ({ kind: "invalid e-mail", body: set(act(), "Lead.E-mail Address", v) })),
        notBoolean.map((v) => ({ kind: "ReplaceOpenLead not a boolean", body: { ...w2t(), ReplaceOpenLead: v } })),
        fc
            .oneof(fc.boolean(), notBoolean)
            .map((v) => ({ kind: "ReplaceOpenLead on ACTON", body: { ...act(), ReplaceOpenLead: v } })),
        fc
            .oneof(fc.integer(), hostileString, fc.array(fc.integer(), { maxLength: 3 }), fc.constant(null))
            .map((v) => ({ kind: "not an object", body: v })),
        hostileString.map((s) => ({ kind: "not JSON", body: undefined, raw: `{"LeadType": ${s}` })),
        notUuid.filter((s) => s.length > 0).map((s) => ({ kind: "invalid lead id", body: act(), leadId: s })),
    );
}

/** A create that must be refused with `expected` (any 4xx when undefined) and leave no lead behind. */
async function mustRefuse(
    ctx: Context,
    tally: Tally,
    what: string,
    text: string,
    expected?: number,
    auth?: string | null,
    leadId?: string,
) {
    const id = leadId ?? crypto.randomUUID();
    const res = await post(ctx, `/Lead/${encodeURIComponent(id)}/create`, text, auth);
    const refused = expected === undefined ? res.status >= 400 && res.status < 500 : res.status === expected;
    if (!refused)
        return tally.attempt(`${what}: HTTP ${res.status} ${res.text}`, res.status < 400 ? "acceptedBad" : undefined);
    if (leadId !== undefined) return tally.attempt();
    const [state, item] = await Promise.all([leadState(ctx.t, id), ctx.leadStates.get(id)]);
    if (state.Status !== "NONEXISTANT" || item !== undefined) {
        return tally.attempt(
            `${what}: refused with ${res.status} but stored (${state.Status}, item ${item !== undefined})`,
            "acceptedBad",
        );
    }
    tally.attempt();
}

export async function hostileInput(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("hostile input");
    const kinds = new Map<string, number>();
    const samples = fc.sample(hostileBodies(ctx), { numRuns: ctx.profile.hostileBodies, seed: ctx.seed });
    await pooled(samples, 4, async (h) => {
        kinds.set(h.kind, (kinds.get(h.kind) ?? 0) + 1);
        const text = h.raw ?? JSON.stringify(h.body);
        await mustRefuse(
            ctx,
            tally,
            `${h.kind} ${text.slice(0, 80)}`,
            text,
            h.kind === "1 MB string" ? 413 : undefined,
            undefined,
            h.leadId,
        );
    });
    tally.notes.push(`create bodies: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`);

    // Oversized bodies: 413 before any parsing, on create and on Admin/bulk.
    const padded = JSON.stringify(actOnRequest({ Lead: { notes: "n".repeat(300 * 1024) } }));
    await mustRefuse(ctx, tally, "300 KB create body", padded, 413);
    const bulk = {
        Operation: "FIND",
        Filter: { UniversalRetailerId: crypto.randomUUID() },
        pad: "p".repeat(300 * 1024),
    };
    const big = await post(ctx, "/Admin/bulk", JSON.stringify(bulk));
    tally.attempt(
        big.status === 413 ? undefined : `300 KB Admin/bulk body: HTTP ${big.status}`,
        big.status < 400 ? "acceptedBad" : undefined,
    );

    await hostileLookups(ctx, tally);
    await badCredentials(ctx, tally);
    await forgedWebhooks(ctx, tally);
    return tally.result();
}

async function badCredentials(ctx: Context, tally: Tally) {
    const inactive = await seedKey(ctx, false, ["*"]);
    const otherEndpoint = await seedKey(ctx, true, ["Lead/status", "Lead/sync"]);
    const token = ctx.stack.internalToken;
    const flip = (c: string) => (c === "a" ? "b" : "a");
    const body = JSON.stringify(actOnRequest());
    const cases: [string, string | null][] = [
        ["no header", null],
        ["inactive key", `Bearer ${inactive}`],
        ["key for other endpoints", `Bearer ${otherEndpoint}`],
        ["unknown key", `Bearer ${crypto.randomUUID()}`],
        ["Basic scheme", `Basic ${ctx.t.apiKey}`],
        ["three words", `Bearer ${ctx.t.apiKey} extra`],
        ["not a UUID", "Bearer not-a-key"],
        ["empty bearer", "Bearer "],
        ["internal token, last char changed", `Bearer ${token.slice(0, -1)}${flip(token.at(-1) ?? "")}`],
        ["internal token, first char changed", `Bearer ${flip(token[0] ?? "")}${token.slice(1)}`],
        ["internal token + 1 char", `Bearer ${token}0`],
        ["internal token − 1 char", `Bearer ${token.slice(0, -1)}`],
        ["internal token doubled", `Bearer ${token}${token}`],
        ["internal token upper-cased", `Bearer ${token.toUpperCase()}`],
    ];
    for (const [what, auth] of cases) await mustRefuse(ctx, tally, what, body, 401, auth);
    // Control: the real internal token gets in (so the near misses above failed on the token alone).
    const control = await ingress(ctx.t, `/Lead/${crypto.randomUUID()}/status`, {
        method: "GET",
        auth: `Bearer ${token}`,
    });
    tally.attempt(
        control.status === 200 ? undefined : `internal token control: HTTP ${control.status} ${control.text}`,
    );
}

/**
 * Counts the lead's state-changing invocations (create, sync, close — not the `status` reads the checks
 * themselves make, nor the lead's reconcile timer, which stays scheduled while the lead is open) once none is
 * in flight and the count held still for a second.
 */
async function waitQuiescent(ctx: Context, leadId: string, timeoutMs = 60_000): Promise<number> {
    const count = async () => {
        const res = await fetch(`${ctx.t.admin}/query`, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify({
                query: `SELECT status FROM sys_invocation WHERE target_service_name = 'Lead' AND target_service_key = '${leadId}' AND target_handler_name NOT IN ('status', 'reconcile')`,
            }),
        });
        if (!res.ok) throw new Error(`admin query: HTTP ${res.status} ${await res.text()}`);
        const { rows } = (await res.json()) as { rows: { status: string }[] };
        return { total: rows.length, pending: rows.filter((r) => r.status !== "completed").length };
    };
    const deadline = Date.now() + timeoutMs;
    let last = await count();
    while (Date.now() < deadline) {
        await Bun.sleep(1_000);
        const now = await count();
        if (now.pending === 0 && now.total === last.total) return now.total;
        last = now;
    }
    throw new Error(`lead ${leadId} still had invocations in flight after ${timeoutMs} ms`);
}

async function forgedWebhooks(ctx: Context, tally: Tally) {
    const phone = freshPhone(ctx);
    const leadId = await createLead(ctx.t, web2TextLead("chicago", phone));
    const twilio = await twilioSynced(ctx.t, leadId);
    await waitUntilSynced(ctx.t, leadId, INTEGRATIONS.WEB2TEXT, 90_000);
    // The product's own greetings fire signed webhooks that sync the lead again; wait until those are done,
    // so any change after this point can only come from the forgeries.
    const invocationsBefore = await waitQuiescent(ctx, leadId);
    const before = JSON.stringify(await leadState(ctx.t, leadId));
    const thread = await conversation(ctx.t, twilio.ConversationSID);
    const forms: [string, Record<string, string>][] = [
        [
            "close",
            {
                EventType: "onConversationStateUpdated",
                ConversationSid: twilio.ConversationSID,
                StateFrom: "active",
                StateTo: "closed",
                Reason: "TIMER",
            },
        ],
        ["onIncomingMessage", { From: phone, To: twilio.CustomerProxyNumber, Body: "STOP", OptOutType: "STOP" }],
        ["sync", { EventType: "onMessageAdded", ConversationSid: twilio.ConversationSID }],
    ];
    const forgery = fc.tuple(
        fc.constantFrom(...forms),
        fc.constantFrom(
            "unsigned",
            "wrong token",
            "random signature",
            "replayed, body changed",
            "signed for another handler",
        ),
        hostileString,
    );
    const attempts = fc.sample(forgery, { numRuns: ctx.profile.forgedWebhooks, seed: ctx.seed + 1 });
    for (const [[handler, form], mode, noise] of attempts) {
        const changed = { ...form, Body: `${form.Body ?? ""}${noise}x`, Extra: noise };
        const url = webhookUrl(ctx.t, handler);
        const [params, signature] = {
            unsigned: [form, null] as const,
            "wrong token": [form, twilioSignature(url, form, `${seed.twilio.authToken}x`)] as const,
            "random signature": [form, Buffer.from(`${noise}sig`).toString("base64")] as const,
            "replayed, body changed": [changed, twilioSignature(url, form)] as const,
            "signed for another handler": [
                form,
                twilioSignature(webhookUrl(ctx.t, handler === "sync" ? "close" : "sync"), form),
            ] as const,
        }[mode];
        const res = await postWebhook(ctx.t, handler, params, { signature });
        tally.attempt(
            res.status === 401 ? undefined : `${mode} ${handler}: HTTP ${res.status} ${res.text.slice(0, 120)}`,
            res.status < 400 ? "acceptedBad" : undefined,
        );
    }
    // Nothing changed: no invocation of the lead, same lead state, same conversation, still opted in.
    const invocationsAfter = await waitQuiescent(ctx, leadId);
    const after = JSON.stringify(await leadState(ctx.t, leadId));
    const threadAfter = await conversation(ctx.t, twilio.ConversationSID);
    const optIn = await ingress(ctx.t, "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: phone } });
    const changes = [
        invocationsAfter !== invocationsBefore
            ? `${invocationsAfter - invocationsBefore} new invocation(s) of the lead`
            : "",
        after !== before ? "lead state changed" : "",
        threadAfter.state !== thread.state || threadAfter.messages.length !== thread.messages.length
            ? "conversation changed"
            : "",
        JSON.stringify(optIn.body) !== JSON.stringify({ Status: "OPTED-IN" }) ? `opt-in ${optIn.text}` : "",
    ].filter(Boolean);
    tally.attempt(changes.length ? `forged webhooks changed state: ${changes.join(", ")}` : undefined, "acceptedBad");
    tally.notes.push(`${attempts.length} forged/unsigned/replayed webhooks`);
}
