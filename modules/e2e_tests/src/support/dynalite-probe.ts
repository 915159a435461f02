/**
 * A write probe for a local dynalite: in a table of its own it puts numbered items one after the other,
 * remembers which were acknowledged (HTTP 200), and reads the table back — how a test sees whether stopping
 * or killing dynalite loses writes it had acknowledged. It speaks DynamoDB's JSON protocol directly (dynalite
 * checks that a request is signed, not the signature), so it shares nothing with the product's client.
 */
import { z } from "zod";

const Scanned = z.object({
    Items: z.array(z.object({ n: z.object({ N: z.string() }) })),
    LastEvaluatedKey: z.record(z.string(), z.unknown()).optional(),
});

export class DynaliteProbe {
    /** Item numbers dynalite acknowledged, in order. */
    readonly acknowledged: number[] = [];
    /** Puts that got no answer or an error (dynalite down or going down). */
    failed = 0;
    private next = 1;

    constructor(
        private readonly endpoint: string,
        private readonly table = "RELIABILITY_WriteProbe",
    ) {}

    private call(target: string, body: unknown): Promise<Response> {
        return fetch(this.endpoint, {
            method: "POST",
            headers: {
                "content-type": "application/x-amz-json-1.0",
                "x-amz-target": `DynamoDB_20120810.${target}`,
                "x-amz-date": "20200101T000000Z",
                authorization:
                    "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
            },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(5_000),
        });
    }

    /** Creates the probe's table (once per dynalite data folder). */
    async create(): Promise<void> {
        const res = await this.call("CreateTable", {
            TableName: this.table,
            KeySchema: [{ AttributeName: "n", KeyType: "HASH" }],
            AttributeDefinitions: [{ AttributeName: "n", AttributeType: "N" }],
            BillingMode: "PAY_PER_REQUEST",
        });
        const text = await res.text();
        if (!res.ok && !text.includes("ResourceInUseException")) throw new Error(`probe table: ${text}`);
    }

    /** Puts item after item (about 200 a second) until `stop()` says so, pausing after a failed put. */
    async writeUntil(stop: () => boolean): Promise<void> {
        while (!stop()) {
            const n = this.next++;
            const res = await this.call("PutItem", { TableName: this.table, Item: { n: { N: String(n) } } }).catch(
                () => undefined,
            );
            await res?.body?.cancel();
            if (res?.ok) this.acknowledged.push(n);
            else this.failed += 1;
            await Bun.sleep(res?.ok ? 5 : 50);
        }
    }

    /** The acknowledged item numbers the table no longer holds. */
    async lost(): Promise<number[]> {
        const held = new Set<number>();
        let start: Record<string, unknown> | undefined;
        do {
            const res = await this.call("Scan", {
                TableName: this.table,
                ...(start ? { ExclusiveStartKey: start } : {}),
            });
            if (!res.ok) throw new Error(`probe scan: HTTP ${res.status} ${await res.text()}`);
            const page = Scanned.parse(await res.json());
            for (const item of page.Items) held.add(Number(item.n.N));
            start = page.LastEvaluatedKey;
        } while (start);
        return this.acknowledged.filter((n) => !held.has(n));
    }
}
