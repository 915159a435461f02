import { isDeepStrictEqual } from "node:util";
import type * as restate from "@restatedev/restate-sdk";
import type { DirectoryFacts } from "../lead/directory-facts";
import { IntegrationState } from "../lead/lead-schemas";
import type { SubmittedLead } from "../lead/lead-state";
import { describeError, isAttemptEnding } from "./attempt-errors";
import {
    defaultIntegrationState,
    type Integration,
    type IntegrationContext,
    type IntegrationOperation,
    passShared,
} from "./integration";

export interface IntegrationPass<L extends SubmittedLead> {
    operation: IntegrationOperation;
    lead: L;
    integrations: readonly Integration<L>[];
    ctx: restate.ObjectContext;
    /**
     * Keeps the lead's progress (in Restate state: no round trip) after each integration whose state changed, so
     * what was done survives an invocation that is killed half-way. The caller projects once, after the pass.
     */
    keep: (lead: L) => void;
    /**
     * Keep an integration's previous state, unsaved, when its new one differs only in its timestamps
     * (`LastSynced`, `ErrorInfo.ErrorDate`): a reconcile that finds nothing new writes nothing.
     */
    keepUnchanged?: boolean;
    /** The Nexus answers the lead keeps (its create read them), shared by its integrations. */
    directory?: DirectoryFacts | undefined;
}

type Method = "create" | "sync" | "close";

/** Which method a pass calls for an integration in this state, or undefined to leave it alone. */
export function methodFor(operation: IntegrationOperation, state: IntegrationState): Method | undefined {
    if (state.SyncStatus === "CLOSED") return undefined;
    if (operation === "close") return state.SyncStatus === "NOT SYNCED" ? undefined : "close";
    const neverSynced = state.SyncStatus === "NOT SYNCED" || (state.SyncStatus === "ERROR" && !state.LastSynced);
    return neverSynced ? "create" : "sync";
}

/**
 * The one integration loop, for sync and close. In declared order, each integration whose state calls for it
 * and whose `shouldRun` says yes runs once; a thrown error becomes its ERROR state; the lead is kept after
 * each one that changed, so progress survives crashes. Returns the updated lead (the same object when nothing
 * changed).
 */
export async function runIntegrations<L extends SubmittedLead>(pass: IntegrationPass<L>): Promise<L> {
    let lead = pass.lead;
    const shared = passShared(pass.directory);
    for (const integration of pass.integrations) {
        const before = lead.Integrations[integration.name] ?? defaultIntegrationState();
        const method = methodFor(pass.operation, before);
        if (!method) continue;
        const ic: IntegrationContext<L> = {
            ctx: pass.ctx,
            lead,
            integrations: lead.Integrations,
            operation: pass.operation,
            shared,
        };
        const after = await runOne(integration, method, before, ic);
        if (!after) continue;
        if (pass.keepUnchanged && sameApartFromTimestamps(before, after)) continue;
        lead = { ...lead, Integrations: { ...lead.Integrations, [integration.name]: after } };
        pass.keep(lead);
    }
    return lead;
}

/** Whether two states of an integration differ at most in when they were stamped. */
export function sameApartFromTimestamps(a: IntegrationState, b: IntegrationState): boolean {
    const unstamped = ({ LastSynced: _synced, ErrorInfo, ...rest }: IntegrationState) => {
        if (!ErrorInfo) return rest;
        const { ErrorDate: _date, ...info } = ErrorInfo;
        return { ...rest, ErrorInfo: info };
    };
    return isDeepStrictEqual(unstamped(a), unstamped(b));
}

/** Runs one integration; undefined when `shouldRun` declined. */
async function runOne<L extends SubmittedLead>(
    integration: Integration<L>,
    method: Method,
    before: IntegrationState,
    ic: IntegrationContext<L>,
): Promise<IntegrationState | undefined> {
    try {
        if (!(await integration.shouldRun(ic))) return undefined;
        const result = IntegrationState.safeParse(await integration[method](before, ic));
        if (!result.success) throw new Error(`${integration.name}.${method} returned an invalid state`);
        if (result.data.SyncStatus === "ERROR") return result.data;
        const { ErrorInfo: _dropped, ...state } = result.data;
        return state;
    } catch (error) {
        if (isAttemptEnding(error)) throw error;
        ic.ctx.console.warn(`Integration ${integration.name} failed during ${ic.operation}`, {
            integration: integration.name,
            error: describeError(error),
        });
        return {
            ...before,
            SyncStatus: "ERROR",
            ErrorInfo: {
                Message: `An error occurred during ${ic.operation}`,
                Details: describeError(error),
                ErrorDate: await ic.ctx.date.toJSON(),
            },
        };
    }
}
