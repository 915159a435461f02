import { actOnLeadType } from "./types/acton/acton.lead-type";
import { web2TextLeadType } from "./types/web2text/web2text.lead-type";

/**
 * Every lead type, each declared in its own folder under `types/`. Adding one is its folder plus one entry
 * here: the create request, the stored lead and the registry are built from this list.
 */
export const LEAD_TYPES = [web2TextLeadType, actOnLeadType] as const;
