/**
 * `bun scripts/clear-dynamodb.ts` — deletes every item of the three `<TABLE_PREFIX>_Web2Text_*` tables
 * (prefix default DEV) on the LOCAL DynamoDB at `DYNAMODB_ENDPOINT`, keeping the tables, then seeds the
 * development API key again (`DEV_API_KEY` or the documented default) so the dev stack keeps working.
 * Refuses (exit 2) when `DYNAMODB_ENDPOINT` is unset or points at AWS.
 */
import { localDynamoClient, prepareLocalStore } from "devstack";
import { CliError, describeError, runCli, say } from "./lib/cli";
import { DEFAULT_DEV_API_KEY, DEV_API_KEY_DESCRIPTION, envOr, isUuid } from "./lib/dev-defaults";
import { clearTables, localDynamoEndpoint, tablePrefixFromEnv } from "./lib/dynamo-clear";

export async function clearDynamoCommand(name = "clear-dynamodb"): Promise<void> {
    const endpoint = localDynamoEndpoint();
    const prefix = tablePrefixFromEnv();
    const apiKey = envOr("DEV_API_KEY", DEFAULT_DEV_API_KEY);
    if (!isUuid(apiKey)) throw new CliError(`DEV_API_KEY '${apiKey}' is not a UUID`, 2);
    say(name, `clearing ${prefix}_Web2Text_* tables at ${endpoint}`);
    const client = localDynamoClient(endpoint);
    try {
        let counts: Map<string, number | undefined>;
        try {
            counts = await clearTables(client, prefix);
        } catch (error) {
            throw new CliError(`cannot clear DynamoDB at ${endpoint}: ${describeError(error)}; is the stack running?`);
        }
        let total = 0;
        for (const [table, count] of counts) {
            say(
                name,
                count === undefined
                    ? `${table}: table missing (it is created below)`
                    : `${table}: deleted ${count} item(s)`,
            );
            total += count ?? 0;
        }
        const created = await prepareLocalStore(endpoint, prefix, apiKey, DEV_API_KEY_DESCRIPTION);
        if (created.length > 0) say(name, `created missing table(s) ${created.join(", ")}`);
        say(name, `done: ${total} item(s) deleted; development API key ${apiKey} seeded again`);
    } finally {
        client.destroy();
    }
}

if (import.meta.main) await runCli("clear-dynamodb", () => clearDynamoCommand());
