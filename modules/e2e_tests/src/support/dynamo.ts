import {
    type ApiKeyRecord,
    ApiKeysTable,
    createDocumentClient,
    LeadStatesTable,
    OptedOutNumbersTable,
    type SubmittedLead,
    tableNames,
} from "lead-processor";
import { stack } from "./api";

/** Direct access to the e2e stack's tables (dynalite), for seeding and for checking the projection. */
function tables(of: { urls: { dynamo: string }; tablePrefix: string } = stack()) {
    const { urls, tablePrefix } = of;
    const db = createDocumentClient({ region: "us-east-1", endpoint: urls.dynamo });
    const names = tableNames(tablePrefix);
    return {
        apiKeys: new ApiKeysTable(db, names.apiKeys),
        leadStates: new LeadStatesTable(db, names.leadStates),
        optedOut: new OptedOutNumbersTable(db, names.optedOutNumbers),
    };
}

/** The lead's item in `<TEST>_Web2Text_LeadStates` (of the shared stack, or of `of`), or undefined. */
export function leadItem(
    leadId: string,
    of?: { urls: { dynamo: string }; tablePrefix: string },
): Promise<Record<string, unknown> | undefined> {
    return tables(of).leadStates.get(leadId);
}

/** Writes a lead item straight into the projection table, as the system this replaces left its leads. */
export async function putLeadItem(lead: SubmittedLead): Promise<void> {
    await tables().leadStates.put(lead);
}

/** Stores an API key (in the shared stack, or in `of`) and returns it. */
export async function seedApiKey(
    endpoints: string[],
    options: Partial<ApiKeyRecord> = {},
    of?: { urls: { dynamo: string }; tablePrefix: string },
): Promise<string> {
    const key = options.API_Key ?? crypto.randomUUID();
    await tables(of).apiKeys.put({
        API_Key: key,
        Active: true,
        AuthorizedEndpoints: endpoints,
        DateCreated: new Date().toISOString(),
        Description: "e2e test key",
        ...options,
    });
    return key;
}

/** Records that `phone` texted STOP to `poolNumber` (in the shared stack, or in `of`). */
export async function seedOptOut(
    phone: string,
    poolNumber = "+12125550101",
    of?: { urls: { dynamo: string }; tablePrefix: string },
): Promise<void> {
    await tables(of).optedOut.put({
        PhoneNumber: phone,
        OptedOutNumbers: { [poolNumber]: { DateOptedOut: new Date().toISOString(), OptOutRequest: { Body: "STOP" } } },
    });
}

/** The items of `<PREFIX>_Web2Text_LeadStates` whose `Lead.PhoneNumber` is `phone` (a full scan, as erase does). */
export async function leadItemsOfPhone(
    phone: string,
    of?: { urls: { dynamo: string }; tablePrefix: string },
): Promise<Record<string, unknown>[]> {
    const filter = { expression: "#l.#p = :p", names: { "#l": "Lead", "#p": "PhoneNumber" }, values: { ":p": phone } };
    const found: Record<string, unknown>[] = [];
    let startAfter: string | undefined;
    do {
        const page = await tables(of).leadStates.scanPage({ filter, idsOnly: false, limit: 1000, startAfter });
        found.push(...page.items);
        startAfter = page.nextLeadId;
    } while (startAfter);
    return found;
}

/** The phone's item in `<PREFIX>_Web2Text_OptedOutNumbers`, or undefined. */
export function optOutItem(phone: string, of?: { urls: { dynamo: string }; tablePrefix: string }) {
    return tables(of).optedOut.get(phone);
}
