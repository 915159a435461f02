import { z } from "zod";
import { LEAD_TYPES } from "./lead-types";

const [first, ...rest] = LEAD_TYPES;

/** A submitted lead, as kept in Restate state and projected to DynamoDB. */
export const SubmittedLead = z.discriminatedUnion("LeadType", [first.submitted, ...rest.map((t) => t.submitted)]);
export type SubmittedLead = z.output<typeof SubmittedLead>;
export type LeadType = SubmittedLead["LeadType"];

/** What `Lead/{id}/status` returns. */
export type LeadStateView = SubmittedLead | { Status: "NONEXISTANT" };
