import type * as restate from "@restatedev/restate-sdk";
import { TerminalError } from "@restatedev/restate-sdk";
import { formatIssues } from "common";
import type { Deps } from "../../deps";
import { SubmittedLead } from "../../lead/lead-state";

/** The single Restate state key holding the whole lead record. */
export const LEAD_STATE_KEY = "lead";

/** Reads the lead's projection item (journaled), parsed; undefined when there is none. */
async function readProjection(ctx: restate.Context & { key: string }, deps: Deps): Promise<SubmittedLead | undefined> {
    const item = await ctx.run(
        "Read lead from DynamoDB",
        async () => (await deps.tables.leadStates.get(ctx.key)) ?? null,
    );
    if (!item) return undefined;
    const parsed = SubmittedLead.safeParse(item);
    if (!parsed.success) {
        throw new TerminalError(`Could not parse lead ID '${ctx.key}' from database - ${formatIssues(parsed.error)}`, {
            errorCode: 500,
        });
    }
    return parsed.data;
}

/** For shared handlers: the state the object holds, else the DynamoDB projection (read only). */
export async function peekLead(ctx: restate.ObjectSharedContext, deps: Deps): Promise<SubmittedLead | undefined> {
    return (await ctx.get<SubmittedLead>(LEAD_STATE_KEY)) ?? (await readProjection(ctx, deps));
}

/**
 * For exclusive handlers: the state the object holds. When it holds none but the projection has the lead
 * (state wiped, or a lead written by the system this replaces), the object takes it over from DynamoDB.
 */
export async function loadLead(ctx: restate.ObjectContext, deps: Deps): Promise<SubmittedLead | undefined> {
    const held = await ctx.get<SubmittedLead>(LEAD_STATE_KEY);
    if (held) return held;
    const projected = await readProjection(ctx, deps);
    if (projected) {
        ctx.set(LEAD_STATE_KEY, projected);
        ctx.console.info("Took the lead over from its DynamoDB projection", { leadId: ctx.key });
    }
    return projected;
}

/** Stores the lead in Restate state and writes its projection to DynamoDB (after every transition). */
export async function saveLead(ctx: restate.ObjectContext, deps: Deps, lead: SubmittedLead): Promise<void> {
    ctx.set(LEAD_STATE_KEY, lead);
    await ctx.run("Project lead to DynamoDB", () => deps.tables.leadStates.put(lead));
}
