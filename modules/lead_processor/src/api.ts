// Type-only handles of the services, so callers (other services, tests, scripts) avoid import cycles.
import type { LeadObject } from "./services/lead/lead.object";

export const Lead = { name: "Lead" } as LeadObject;
export type { LeadObject };
