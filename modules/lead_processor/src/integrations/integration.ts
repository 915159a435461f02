import type * as restate from "@restatedev/restate-sdk";
import type { ConversationMessage } from "../clients/twilio/conversations.types";
import type { IntegrationState } from "../lead/lead-schemas";
import type { SubmittedLead } from "../lead/lead-state";
import type { StoreHours } from "../lead/store-hours/store-hours";
import type { DirectoryLocation, DirectoryRetailer } from "./shared/retailer-directory";

/** Which pass of the loop is running. */
export type IntegrationOperation = "sync" | "close";

/**
 * What the integrations of one pass share, so each outside answer is read once per pass. Filled only from
 * journaled step results (or the lead's Restate state), so a replay fills it the same way.
 */
export interface PassShared {
    /** The lead's Nexus retailer, store and store hours: kept by its create, or read earlier in the pass. */
    directory: { retailer: DirectoryRetailer; location: DirectoryLocation; hours?: StoreHours | undefined } | undefined;
    /** Conversation messages, oldest first, by conversation sid, as read earlier in this pass (and when). */
    messages: Map<string, { messages: ConversationMessage[]; at: string }>;
}

/** A fresh {@link PassShared}, starting from the directory facts the lead keeps (if any). */
export const passShared = (directory?: PassShared["directory"]): PassShared => ({ directory, messages: new Map() });

/** What an integration sees while it runs: the lead and the states of the integrations before it. */
export interface IntegrationContext<L extends SubmittedLead = SubmittedLead> {
    ctx: restate.ObjectContext;
    lead: L;
    /** States of every integration as of this point of the pass (earlier ones already updated). */
    integrations: Readonly<Record<string, IntegrationState>>;
    operation: IntegrationOperation;
    shared: PassShared;
}

/**
 * The contract every integration implements. Each method returns the integration's new state; every call
 * that leaves the process happens inside a named `ctx.run`. A thrown error (other than Restate's own
 * suspension or cancellation) becomes this integration's ERROR state; the loop goes on with the next one.
 */
export interface Integration<L extends SubmittedLead = SubmittedLead> {
    readonly name: string;
    /** Awaited by the loop in both passes; false skips the integration this time (its state stays as it is). */
    shouldRun(ic: IntegrationContext<L>): Promise<boolean>;
    create(state: IntegrationState, ic: IntegrationContext<L>): Promise<IntegrationState>;
    sync(state: IntegrationState, ic: IntegrationContext<L>): Promise<IntegrationState>;
    close(state: IntegrationState, ic: IntegrationContext<L>): Promise<IntegrationState>;
}

/** The state of an integration that has never run. */
export const defaultIntegrationState = (): IntegrationState => ({ SyncStatus: "NOT SYNCED" });
