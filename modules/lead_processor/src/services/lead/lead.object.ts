import * as restate from "@restatedev/restate-sdk";
import { rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import type { LeadTypeRegistry } from "../../lead/registry";
import { closeLead } from "./close-lead";
import { createLead } from "./create-lead";
import { eraseLead } from "./erase-lead";
import { expireLead } from "./expire-lead";
import { leadStatus } from "./lead-status";
import { reconcileLead } from "./reconcile-lead";
import { syncLead } from "./sync-lead";

const json = { input: rawJsonSerde };

/**
 * The `Lead` virtual object, keyed by the lead's UUID: `NONEXISTANT → ACTIVE ⇄ SYNCING → CLOSED`. Each handler
 * authorizes first (endpoint strings `Lead/<handler>`), then returns the state it holds; `reconcile` is the
 * lead's own timer, `expire` its end after `LEAD_RETENTION` once CLOSED, `erase` Admin/erase's per-lead part
 * (all three private).
 */
export function createLeadObject(deps: Deps, registry: LeadTypeRegistry<Integration>) {
    return restate.object({
        name: "Lead",
        handlers: {
            status: restate.handlers.object.shared(
                json,
                authorized(deps.auth, "Lead/status", (ctx: restate.ObjectSharedContext, _input: unknown) =>
                    leadStatus(ctx, deps),
                ),
            ),
            create: restate.handlers.object.exclusive(
                json,
                authorized(deps.auth, "Lead/create", (ctx: restate.ObjectContext, input: unknown, receipt) =>
                    createLead(ctx, input, deps, registry, receipt),
                ),
            ),
            sync: restate.handlers.object.exclusive(
                json,
                authorized(deps.auth, "Lead/sync", (ctx: restate.ObjectContext, _input: unknown) =>
                    syncLead(ctx, deps, registry),
                ),
            ),
            close: restate.handlers.object.exclusive(
                json,
                authorized(deps.auth, "Lead/close", (ctx: restate.ObjectContext, input: unknown) =>
                    closeLead(ctx, input, deps, registry),
                ),
            ),
            // Internal (the three below): not reachable through ingress; only the internal credential (or a `*` key)
            // passes.
            reconcile: restate.handlers.object.exclusive(
                { ...json, output: restate.serde.empty, ingressPrivate: true },
                authorized(deps.auth, "Lead/reconcile", (ctx: restate.ObjectContext, input: unknown) =>
                    reconcileLead(ctx, input, deps, registry),
                ),
            ),
            expire: restate.handlers.object.exclusive(
                { ...json, output: restate.serde.empty, ingressPrivate: true },
                authorized(deps.auth, "Lead/expire", (ctx: restate.ObjectContext, input: unknown) =>
                    expireLead(ctx, input, deps),
                ),
            ),
            erase: restate.handlers.object.exclusive(
                { ...json, ingressPrivate: true },
                authorized(deps.auth, "Lead/erase", (ctx: restate.ObjectContext, _input: unknown) =>
                    eraseLead(ctx, deps, registry),
                ),
            ),
        },
    });
}

export type LeadObject = ReturnType<typeof createLeadObject>;
