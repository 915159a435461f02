import * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest, rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { readJsonBody } from "../request-body";
import { claim, ForgetRequest, newest, OpenLeadEntry, withEntry, withoutLead } from "./open-lead-entries";

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
 * resubmit (`ReplaceOpenLead`) takes the key over, one caller at a time. Every handler is internal.
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
            lookup: restate.handlers.object.shared(
                json,
                authorized(deps.auth, "OpenLeads/lookup", async (ctx: restate.ObjectSharedContext, _input: unknown) =>
                    newest(await entriesOf(ctx)),
                ),
            ),
        },
    });
}

export type OpenLeadsObject = ReturnType<typeof createOpenLeadsObject>;
