// Type-only handles of the services, so callers (other services, tests, scripts) avoid import cycles.
import type { AdminService } from "./services/admin/admin.service";
import type { DealerObject } from "./services/dealer/dealer.object";
import type { LeadObject } from "./services/lead/lead.object";
import type { TwilioWebhooksService } from "./services/twilio-webhooks/twilio-webhooks.service";

export const Lead = { name: "Lead" } as LeadObject;
export const Dealer = { name: "Dealer" } as DealerObject;
export const Admin = { name: "Admin" } as AdminService;
export const TwilioWebhooks = { name: "TwilioWebhooks" } as TwilioWebhooksService;
export type { AdminService, DealerObject, LeadObject, TwilioWebhooksService };
