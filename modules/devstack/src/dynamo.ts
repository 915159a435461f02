import { createRequire } from "node:module";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ApiKeysTable, createDocumentClient, createTablesIfMissing, tableNames } from "lead-processor";
import { waitUntil } from "./wait";

const require = createRequire(import.meta.url);

/** Command line of a dynalite process (persisted under `path`, or in memory). */
export function dynaliteCommand(port: number, path?: string): string[] {
    const cli = require.resolve("dynalite/cli.js");
    return [
        process.execPath,
        cli,
        "--host",
        "127.0.0.1",
        "--port",
        String(port),
        "--createTableMs",
        "0",
        "--deleteTableMs",
        "0",
        "--updateTableMs",
        "0",
        ...(path ? ["--path", path] : []),
    ];
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
    return new DynamoDBClient({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
}

export async function waitForDynamo(endpoint: string, timeoutMs = 30_000): Promise<void> {
    const client = localDynamoClient(endpoint);
    await waitUntil(
        "dynalite",
        async () => {
            await client.send(new ListTablesCommand({}));
            return true;
        },
        timeoutMs,
    );
    client.destroy();
}

/** Creates the tables for `prefix` if missing and stores an active `*` API key (local development only). */
export async function prepareLocalStore(endpoint: string, prefix: string, apiKey: string, description: string) {
    const client = localDynamoClient(endpoint);
    const names = tableNames(prefix);
    const created = await createTablesIfMissing(client, names);
    const keys = new ApiKeysTable(createDocumentClient({ region: "us-east-1", endpoint }), names.apiKeys);
    const existing = await keys.get(apiKey);
    if (!existing?.Active) {
        await keys.put({
            API_Key: apiKey,
            Active: true,
            AuthorizedEndpoints: ["*"],
            DateCreated: new Date().toISOString(),
            Description: description,
        });
    }
    client.destroy();
    return created;
}
