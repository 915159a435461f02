import {
    type AttributeValue,
    BatchWriteItemCommand,
    type DynamoDBClient,
    ScanCommand,
    type ScanCommandInput,
} from "@aws-sdk/client-dynamodb";

/** A plain JSON value as a DynamoDB attribute value (undefined object fields are left out). */
export function toAttribute(value: unknown): AttributeValue {
    if (value === null) return { NULL: true };
    if (typeof value === "string") return { S: value };
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new TypeError("DynamoDB numbers must be finite");
        return { N: String(value) };
    }
    if (typeof value === "boolean") return { BOOL: value };
    if (Array.isArray(value)) return { L: value.map(toAttribute) };
    if (typeof value === "object") return { M: toItem(value as Record<string, unknown>) };
    throw new TypeError(`cannot store a ${typeof value} in DynamoDB`);
}

/** A plain object as a DynamoDB item. */
export function toItem(record: Record<string, unknown>): Record<string, AttributeValue> {
    const item: Record<string, AttributeValue> = {};
    for (const [key, value] of Object.entries(record)) if (value !== undefined) item[key] = toAttribute(value);
    return item;
}

/** A DynamoDB attribute value as plain JSON (sets become arrays, numbers become numbers). */
export function fromAttribute(attr: AttributeValue): unknown {
    if (attr.S !== undefined) return attr.S;
    if (attr.N !== undefined) return Number(attr.N);
    if (attr.BOOL !== undefined) return attr.BOOL;
    if (attr.NULL) return null;
    if (attr.L) return attr.L.map(fromAttribute);
    if (attr.M) return fromItem(attr.M);
    if (attr.SS) return [...attr.SS];
    if (attr.NS) return attr.NS.map(Number);
    throw new TypeError("unsupported DynamoDB attribute value");
}

export function fromItem(item: Record<string, AttributeValue>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, fromAttribute(value)]));
}

/**
 * A scan filter over the LeadStates projection: leads whose id starts with `prefix` and, when `integrations`
 * are named, whose every named integration is in `status`.
 */
export function leadFilter(
    prefix: string,
    integrations: readonly string[] = [],
    status = "SYNCED",
): Pick<ScanCommandInput, "FilterExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues"> {
    const names: Record<string, string> = { "#id": "LeadId" };
    const values: Record<string, AttributeValue> = { ":prefix": { S: prefix } };
    const parts = ["begins_with(#id, :prefix)"];
    if (integrations.length > 0) {
        names["#i"] = "Integrations";
        names["#s"] = "SyncStatus";
        values[":status"] = { S: status };
        integrations.forEach((name, k) => {
            names[`#n${k}`] = name;
            parts.push(`#i.#n${k}.#s = :status`);
        });
    }
    return {
        FilterExpression: parts.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
    };
}

/** Counts the items matching a filter (one COUNT scan, paged). */
export async function countItems(
    client: DynamoDBClient,
    table: string,
    filter: ReturnType<typeof leadFilter>,
): Promise<number> {
    let count = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
        const out = await client.send(
            new ScanCommand({ TableName: table, Select: "COUNT", ...filter, ExclusiveStartKey: start }),
        );
        count += out.Count ?? 0;
        start = out.LastEvaluatedKey;
    } while (start);
    return count;
}

/** The items matching a filter, as plain objects (optionally only some attributes). */
export async function scanItems(
    client: DynamoDBClient,
    table: string,
    filter: ReturnType<typeof leadFilter>,
    projection?: { expression: string; names: Record<string, string> },
): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
        const out = await client.send(
            new ScanCommand({
                TableName: table,
                ...filter,
                ...(projection
                    ? {
                          ProjectionExpression: projection.expression,
                          ExpressionAttributeNames: { ...filter.ExpressionAttributeNames, ...projection.names },
                      }
                    : {}),
                ExclusiveStartKey: start,
            }),
        );
        for (const item of out.Items ?? []) items.push(fromItem(item));
        start = out.LastEvaluatedKey;
    } while (start);
    return items;
}

/** Splits a list into chunks of `size`. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
    if (size < 1) throw new RangeError("size must be ≥ 1");
    const out: T[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
}

/** Writes items with BatchWriteItem (25 a request, `parallel` requests at once), retrying unprocessed ones. */
export async function batchPut(
    client: DynamoDBClient,
    table: string,
    records: readonly Record<string, unknown>[],
    parallel = 4,
): Promise<void> {
    const batches = chunks(records, 25);
    let next = 0;
    const worker = async () => {
        for (;;) {
            const batch = batches[next++];
            if (!batch) return;
            let requests = batch.map((record) => ({ PutRequest: { Item: toItem(record) } }));
            for (let attempt = 0; requests.length > 0; attempt++) {
                if (attempt > 10) throw new Error("BatchWriteItem left items unprocessed after 10 retries");
                const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
                requests = (out.UnprocessedItems?.[table] ?? []).flatMap((r) =>
                    r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
                );
                if (requests.length > 0) await Bun.sleep(50 * (attempt + 1));
            }
        }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
}
