import * as restate from "@restatedev/restate-sdk";
import { badRequest, parseOrBadRequest, rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { checkOpenLeadKey, OpenLeadByKeyRequest } from "../../lead/open-lead-key";
import { readJsonBody } from "../request-body";
import {
    claim,
    ForgetRequest,
    type OpenLeadAnswer,
    OpenLeadEntry,
    openLeadAnswer,
    withEntry,
    withoutLead,
} from "./open-lead-entries";

/** The Restate state key holding the key's open leads. */
const ENTRIES_KEY = "open";

const json = { input: rawJsonSerde, ingressPrivate: true };

async function entriesOf(ctx: restate.ObjectSharedContext): Promise<OpenLeadEntry[]> {
    return (await ctx.get<OpenLeadEntry[]>(ENTRIES_KEY)) ?? [];
}

function store(ctx: restate.ObjectContext, entries: OpenLeadEntry[]): void {
    if (entries.length === 0) ctx.clear(ENTRIES_KEY);
    else ctx.set(ENTRIES_KEY, entries);
}

/**
 * The `OpenLeads` virtual object: the open-lead index, keyed by `openLeadKey(retailer, location, phone)`. Its
 * state is the open WEB2TEXT leads of one customer at one store, kept in step by the Lead object (one-way sends
 * journaled with its own state change: `add` on create and on takeover, `forget` on close); `claim` is how a
 * resubmit (`ReplaceOpenLead`) takes the key over, one caller at a time. Those three are internal.
 *
 * `openLead` is the public lookup (API-key endpoint string `Lead/openLead`): a shared handler, so lookups run
 * beside each other and beside the writers, answered from the object's state in one invocation with no
 * journaled step (the key check is read-only: `Authorizer.checkReadOnly`). The body names the customer's phone,
 * which the key must match (else a 400 naming the key to use), so a key written wrong never answers "no open
 * lead" by mistake; `LeadLookup/openLead` takes ids and phone in a body and writes the key itself.
 */
export function createOpenLeadsObject(deps: Deps) {
    return restate.object({
        name: "OpenLeads",
        handlers: {
            add: restate.handlers.object.exclusive(
                { ...json, output: restate.serde.empty },
                authorized(deps.auth, "OpenLeads/add", async (ctx: restate.ObjectContext, input: unknown) => {
                    const entry = parseOrBadRequest(OpenLeadEntry, readJsonBody(input));
                    store(ctx, withEntry(await entriesOf(ctx), entry));
                }),
            ),
            forget: restate.handlers.object.exclusive(
                { ...json, output: restate.serde.empty },
                authorized(deps.auth, "OpenLeads/forget", async (ctx: restate.ObjectContext, input: unknown) => {
                    const { LeadId } = parseOrBadRequest(ForgetRequest, readJsonBody(input));
                    store(ctx, withoutLead(await entriesOf(ctx), LeadId));
                }),
            ),
            claim: restate.handlers.object.exclusive(
                json,
                authorized(deps.auth, "OpenLeads/claim", async (ctx: restate.ObjectContext, input: unknown) => {
                    const entry = parseOrBadRequest(OpenLeadEntry, readJsonBody(input));
                    const claimed = claim(await entriesOf(ctx), entry);
                    store(ctx, claimed.entries);
                    return claimed.previous;
                }),
            ),
            openLead: restate.handlers.object.shared(
                { input: rawJsonSerde },
                async (ctx: restate.ObjectSharedContext, input: unknown): Promise<OpenLeadAnswer> => {
                    // State first: every attempt then journals the same commands, whatever the unjournaled
                    // verdict of `checkReadOnly` (see there). Reading a key's entries reveals nothing by itself.
                    const entries = await entriesOf(ctx);
                    await deps.auth.checkReadOnly(ctx, "Lead/openLead");
                    const { CustomerPhone } = parseOrBadRequest(OpenLeadByKeyRequest, readJsonBody(input));
                    const key = checkOpenLeadKey(ctx.key, CustomerPhone);
                    if (!key.ok) throw badRequest(key.reason);
                    return openLeadAnswer(entries);
                },
            ),
        },
    });
}

export type OpenLeadsObject = ReturnType<typeof createOpenLeadsObject>;
