// Type-only handles of the services, so callers (other services, tests, scripts) avoid import cycles.
import type { AdminService } from "./services/admin/admin.service";
import type { DealerObject } from "./services/dealer/dealer.object";
import type { LeadObject } from "./services/lead/lead.object";
import type { LeadLookupService } from "./services/open-leads/lead-lookup.service";
import type { OpenLeadsObject } from "./services/open-leads/open-leads.object";
import type { TwilioWebhooksService } from "./services/twilio-webhooks/twilio-webhooks.service";

export const Lead = { name: "Lead" } as LeadObject;
export const Dealer = { name: "Dealer" } as DealerObject;
export const Admin = { name: "Admin" } as AdminService;
export const OpenLeads = { name: "OpenLeads" } as OpenLeadsObject;
export const LeadLookup = { name: "LeadLookup" } as LeadLookupService;
export const TwilioWebhooks = { name: "TwilioWebhooks" } as TwilioWebhooksService;
export type { AdminService, DealerObject, LeadLookupService, LeadObject, OpenLeadsObject, TwilioWebhooksService };
