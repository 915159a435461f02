/**
 * The `Idempotency-Key` of each vendor write: `<LeadId>:<Integration>:<item>`, where item is `create` for the
 * record an integration creates, the message sid for a copied conversation message, and `botpress-summary`
 * for the chatbot summary. Keys derive from the lead only — never from time or randomness — so a retried
 * step, a step replayed after a crash, and a later sync that creates again after an ERROR all send the same
 * key, and a vendor that honours it creates the record once.
 */
export const idempotencyKeys = {
    create: (leadId: string, integration: string) => `${leadId}:${integration}:create`,
    message: (leadId: string, integration: string, messageSid: string) => `${leadId}:${integration}:${messageSid}`,
    botpressSummary: (leadId: string, integration: string) => `${leadId}:${integration}:botpress-summary`,
};
