import { ORIGINAL_SECRET_KEYS } from "lead-processor";

/**
 * The JSON keys of the lead processor's Secrets Manager secret (`web2text-<dev|prod>-env`) that ECS injects as
 * environment variables when a task starts. The secret is the old system's own, so its keys are the old
 * system's variable names (original-system.md §10) and the service reads them under those names. Every key
 * must exist in the secret: ECS does not start a task whose secret lacks one, and says which.
 *
 * URLs, Twilio SIDs and other ids in the list are not credentials, but the old secret holds them, so they come
 * from it too: one place to change a vendor's address, as before. (`leadProcessor.environment` cannot set them.)
 * The list is the lead processor's own record of the old secret's keys.
 */
export const LEAD_PROCESSOR_SECRET_KEYS = ORIGINAL_SECRET_KEYS;

export type LeadProcessorSecretKey = (typeof LEAD_PROCESSOR_SECRET_KEYS)[number];
