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

/** Stores an API key and returns it. */
export async function seedApiKey(endpoints: string[], options: Partial<ApiKeyRecord> = {}): Promise<string> {
    const key = options.API_Key ?? crypto.randomUUID();
    await tables().apiKeys.put({
        API_Key: key,
        Active: true,
        AuthorizedEndpoints: endpoints,
        DateCreated: new Date().toISOString(),
        Description: "e2e test key",
        ...options,
    });
    return key;
}

/** Records that `phone` texted STOP to `poolNumber`. */
export async function seedOptOut(phone: string, poolNumber = "+12125550101"): Promise<void> {
    await tables().optedOut.put({
        PhoneNumber: phone,
        OptedOutNumbers: { [poolNumber]: { DateOptedOut: new Date().toISOString(), OptOutRequest: { Body: "STOP" } } },
    });
}
