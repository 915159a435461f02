import {
    type AttributeValue,
    BatchWriteItemCommand,
    type DynamoDBClient,
    ResourceNotFoundException,
    ScanCommand,
    type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { TABLE_KEYS, type TableNames, tableNames } from "lead-processor";
import { CliError } from "./cli";

const AWS_HOSTS = /(^|\.)(amazonaws\.com(\.cn)?|api\.aws)$/i;

/**
 * The DynamoDB endpoint to clear, only if it is a local one: `DYNAMODB_ENDPOINT` (or the old name
 * `LOCAL_DYNAMODB_URL`) must be set and must not point at AWS. Exit code 2 otherwise.
 */
export function localDynamoEndpoint(env: Record<string, string | undefined> = process.env): string {
    const raw = env.DYNAMODB_ENDPOINT?.trim() || env.LOCAL_DYNAMODB_URL?.trim();
    if (!raw) {
        throw new CliError(
            "DYNAMODB_ENDPOINT is not set; refusing to run without a local DynamoDB endpoint (the dev stack's is http://127.0.0.1:8000)",
            2,
        );
    }
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        throw new CliError(`DYNAMODB_ENDPOINT '${raw}' is not a URL`, 2);
    }
    if (AWS_HOSTS.test(url.hostname)) {
        throw new CliError(`DYNAMODB_ENDPOINT ${url.origin} is AWS; this script only clears a local DynamoDB`, 2);
    }
    return raw.replace(/\/+$/, "");
}

/** `TABLE_PREFIX` (default DEV), checked the way the lead processor checks it. */
export function tablePrefixFromEnv(env: Record<string, string | undefined> = process.env): string {
    const prefix = env.TABLE_PREFIX?.trim() || "DEV";
    if (!/^[A-Z][A-Z0-9]*$/.test(prefix)) {
        throw new CliError(`TABLE_PREFIX '${prefix}' must be upper-case letters/digits such as DEV or TEST`, 2);
    }
    return prefix;
}

/** Deletes every item of a table, keeping the table; returns the number deleted, or undefined if it is missing. */
export async function deleteAllItems(
    client: DynamoDBClient,
    table: string,
    hashKey: string,
): Promise<number | undefined> {
    let deleted = 0;
    let start: Record<string, AttributeValue> | undefined;
    try {
        do {
            const page = await client.send(
                new ScanCommand({
                    TableName: table,
                    ProjectionExpression: "#k",
                    ExpressionAttributeNames: { "#k": hashKey },
                    ExclusiveStartKey: start,
                }),
            );
            const keys: Record<string, AttributeValue>[] = [];
            for (const item of page.Items ?? []) {
                const value = item[hashKey];
                if (value) keys.push({ [hashKey]: value });
            }
            for (let i = 0; i < keys.length; i += 25) {
                let requests: WriteRequest[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
                for (let attempt = 0; requests.length > 0; attempt++) {
                    if (attempt > 10) throw new Error(`${table}: items left unprocessed after 10 retries`);
                    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
                    requests = out.UnprocessedItems?.[table] ?? [];
                    if (requests.length > 0) await Bun.sleep(50 * 2 ** attempt);
                }
            }
            deleted += keys.length;
            start = page.LastEvaluatedKey;
        } while (start);
    } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
    }
    return deleted;
}

/** Empties the three `<prefix>_Web2Text_*` tables; returns table → count (undefined = table missing). */
export async function clearTables(client: DynamoDBClient, prefix: string): Promise<Map<string, number | undefined>> {
    const names = tableNames(prefix);
    const counts = new Map<string, number | undefined>();
    for (const key of Object.keys(TABLE_KEYS) as (keyof TableNames)[]) {
        counts.set(names[key], await deleteAllItems(client, names[key], TABLE_KEYS[key]));
    }
    return counts;
}
