import type { ActOnLead } from "../../lead/types/acton/acton.schema";

/** Every field of an ACTON lead that has a value, as the string map ActOn and FloorForce take. */
export function leadFields(lead: ActOnLead): Record<string, string> {
    return Object.fromEntries(
        Object.entries(lead).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
}

/** The ActOn contact: the lead's fields without `listId`, which only names the list. */
export function actOnContact(lead: ActOnLead): Record<string, string> {
    const { listId: _list, ...fields } = leadFields(lead);
    return fields;
}
