import * as restate from "@restatedev/restate-sdk";
import { restateLoggerTransport } from "common/restate";
import type { Deps } from "./deps";
import { leadTypeRegistry } from "./lead-type-registry";
import { createAdminService } from "./services/admin/admin.service";
import { bodyLimitHook } from "./services/body-limit.hook";
import { createDealerObject } from "./services/dealer/dealer.object";
import { createLeadObject } from "./services/lead/lead.object";
import { createLeadLookupService } from "./services/open-leads/lead-lookup.service";
import { createOpenLeadsObject } from "./services/open-leads/open-leads.object";
import { createTwilioWebhooksService } from "./services/twilio-webhooks/twilio-webhooks.service";

/** All services of the lead processor, bound to their dependencies. */
export function createServices(deps: Deps) {
    return [
        createLeadObject(deps, leadTypeRegistry(deps)),
        createDealerObject(deps),
        createOpenLeadsObject(deps),
        createLeadLookupService(deps),
        createAdminService(deps),
        createTwilioWebhooksService(deps),
    ];
}

/** A Node http2 request handler serving the Restate endpoint (used by main.ts and the bench's floor process). */
export function createHandler(deps: Deps, extra: restate.ServiceDefinition<string, unknown>[] = []) {
    return restate.createEndpointHandler({
        services: [...createServices(deps), ...extra],
        logger: restateLoggerTransport(deps.logger),
        defaultServiceOptions: { hooks: [bodyLimitHook] },
    });
}
