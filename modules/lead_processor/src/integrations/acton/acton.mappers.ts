import type { JsonValue } from "common";
import type { ActOnLead } from "../../lead/types/acton/acton.schema";

/** Every field of an ACTON lead that has a value, with the JSON value the form sent. */
export function leadFields(lead: ActOnLead): Record<string, JsonValue> {
    return Object.fromEntries(
        Object.entries(lead).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined),
    );
}

/** The ActOn contact (a JSON body): the lead's fields without `listId`, which only names the list. */
export function actOnContact(lead: ActOnLead): Record<string, JsonValue> {
    const { listId: _list, ...fields } = leadFields(lead);
    return fields;
}

/**
 * The FloorForce form (url-encoded, so every value is text): strings as they are, any other value as its JSON
 * text (`5`, `true`, `null`, `["a","b"]`, `{"k":1}`), which keeps lists and objects readable where the
 * production system's form encoding turned them into `a,b` and `[object Object]`.
 */
export function formFields(lead: ActOnLead): Record<string, string> {
    return Object.fromEntries(
        Object.entries(leadFields(lead)).map(([name, value]) => [
            name,
            typeof value === "string" ? value : JSON.stringify(value),
        ]),
    );
}
