// The schemas and types the public handlers parse with and answer, for the generated API document
// (`bun run docs`, see scripts/openapi/handler-schemas.ts).
export { KNOWN_ENDPOINTS } from "./auth/endpoints";
export { optInStatus } from "./db/opt-out-records";
export { CreateLeadRequest } from "./lead/create-request";
export { CURRENT_SCHEMA_VERSION, IntegrationState, LeadStatus, SyncStatus } from "./lead/lead-schemas";
export { type LeadStateView, SubmittedLead } from "./lead/lead-state";
export { OpenLeadByKeyRequest, OpenLeadCustomer as OpenLeadRequest, OpenLeadKeyForm } from "./lead/open-lead-key";
export { ActOnLead } from "./lead/types/acton/acton.schema";
export { Web2TextLead } from "./lead/types/web2text/web2text.schema";
export type { ValidationResult } from "./lead/validation";
export type { BulkResponse } from "./services/admin/bulk";
export type { LeadOutcome } from "./services/admin/bulk-apply";
export {
    ADMIN_CLOSE_REASON,
    BulkOperation,
    BulkRequest,
    MAX_DETAILED_LEADS_PER_CALL,
    MAX_LEADS_PER_CALL,
} from "./services/admin/bulk-request";
export { MAX_PAGES_PER_CALL } from "./services/admin/bulk-scan";
export type { EraseResponse } from "./services/admin/erase";
export { EraseRequest, KEPT_AT_VENDORS, KEPT_HERE } from "./services/admin/erase-request";
export { MAX_BODY_BYTES } from "./services/body-limit.hook";
export type { DealerReport, LocationReport } from "./services/dealer/dealer-report";
export { CloseLeadRequest, DEFAULT_CLOSE_REASON } from "./services/lead/close-lead";
export { ERASE_CLOSE_REASON, type LeadErasure } from "./services/lead/erase-lead";
export type { OpenLeadAnswer } from "./services/open-leads/open-lead-entries";
export { OptInStatusRequest } from "./services/twilio-webhooks/opt-in-status";
export { SIGNATURE_HEADER } from "./services/twilio-webhooks/twilio-signature";
export { ConversationEvent, IncomingMessage, StateUpdatedEvent } from "./services/twilio-webhooks/webhook-bodies";
