import { z } from "zod";
import { LEAD_TYPES } from "./lead-types";

const [first, ...rest] = LEAD_TYPES;

/** The body of `POST /Lead/{id}/create`, discriminated on `LeadType`. */
export const CreateLeadRequest = z.discriminatedUnion("LeadType", [first.request, ...rest.map((t) => t.request)]);
export type CreateLeadRequest = z.output<typeof CreateLeadRequest>;
