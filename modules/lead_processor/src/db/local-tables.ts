import type { Logger } from "common";
import { createTablesIfMissing } from "./create-tables";
import { createDynamoClient } from "./dynamo";
import { tableNames } from "./table-names";

export interface LocalTablesSettings {
    region: string;
    /** The configured DynamoDB endpoint; only a configured (local) endpoint gets its tables created. */
    endpoint: string | undefined;
    tablePrefix: string;
}

/**
 * "A local DynamoDB endpoint is configured ⇒ its tables exist": creates the three `<PREFIX>_Web2Text_*` tables
 * that are missing, as the old service did at start for its local database. Without an endpoint (AWS) nothing
 * happens: those tables belong to the CDK. A local database that is still starting (a container next to this
 * one) is waited for, up to `attempts` tries a second apart.
 */
export async function ensureLocalTables(settings: LocalTablesSettings, logger: Logger, attempts = 30): Promise<void> {
    if (!settings.endpoint) return;
    const client = createDynamoClient({ region: settings.region, endpoint: settings.endpoint });
    try {
        for (let attempt = 1; ; attempt++) {
            try {
                const created = await createTablesIfMissing(client, tableNames(settings.tablePrefix));
                if (created.length > 0) {
                    logger.info("Created the missing local DynamoDB tables", { endpoint: settings.endpoint, created });
                }
                return;
            } catch (error) {
                if (attempt >= attempts) throw error;
                await new Promise((resolve) => setTimeout(resolve, 1_000));
            }
        }
    } finally {
        client.destroy();
    }
}
