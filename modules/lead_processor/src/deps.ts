import { Logger } from "common";
import { Authorizer } from "./auth/authorizer";
import type { LeadProcessorConfig } from "./config";
import { ApiKeysTable } from "./db/api-keys.table";
import { createDocumentClient } from "./db/dynamo";
import { LeadStatesTable } from "./db/lead-states.table";
import { tableNames } from "./db/table-names";

/** Everything the handlers need, built once from configuration; passed in, never global. */
export interface Deps {
    config: LeadProcessorConfig;
    logger: Logger;
    auth: Authorizer;
    tables: {
        apiKeys: ApiKeysTable;
        leadStates: LeadStatesTable;
    };
}

/** The composition root. */
export function buildDeps(config: LeadProcessorConfig, logger?: Logger): Deps {
    const log =
        logger ??
        new Logger({ format: config.LOG_FORMAT, level: config.LOG_LEVEL, base: { service: "lead-processor" } });
    const db = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
    const names = tableNames(config.TABLE_PREFIX);
    const apiKeys = new ApiKeysTable(db, names.apiKeys);
    return {
        config,
        logger: log,
        auth: new Authorizer(apiKeys, config.INTERNAL_API_TOKEN),
        tables: { apiKeys, leadStates: new LeadStatesTable(db, names.leadStates) },
    };
}
