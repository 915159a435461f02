import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";

/**
 * One opt-out: when the sender texted STOP to one of our numbers, with where it was seen as evidence (the old
 * system's items hold the whole webhook body there; they are read as they are).
 */
export const OptOut = z.object({
    DateOptedOut: z.string(),
    OptOutRequest: z.unknown(),
});

/**
 * `<PREFIX>_Web2Text_OptedOutNumbers`: one item per sender (E.164), mapping each of our numbers the sender
 * opted out from to its opt-out. Any item at all blocks the sender from new Web2Text leads.
 */
export const OptedOutNumberRecord = z.object({
    PhoneNumber: z.string(),
    OptedOutNumbers: z.record(z.string(), OptOut),
});
export type OptedOutNumberRecord = z.output<typeof OptedOutNumberRecord>;

/** The read validators need; tests stub it. */
export interface OptOutRegistry {
    isOptedOut(phoneNumber: string): Promise<boolean>;
}

/** Reads and writes `<PREFIX>_Web2Text_OptedOutNumbers` (the Twilio webhooks record STOP/START here). */
export class OptedOutNumbersTable implements OptOutRegistry {
    constructor(
        private readonly db: DynamoDBDocumentClient,
        readonly tableName: string,
    ) {}

    /** The sender's item, or undefined (also when it does not parse). */
    async get(phoneNumber: string): Promise<OptedOutNumberRecord | undefined> {
        const out = await this.db.send(
            new GetCommand({ TableName: this.tableName, Key: { PhoneNumber: phoneNumber }, ConsistentRead: true }),
        );
        if (!out.Item) return undefined;
        const parsed = OptedOutNumberRecord.safeParse(out.Item);
        return parsed.success ? parsed.data : undefined;
    }

    /** True when the number has opted out from any of our numbers (the item exists). */
    async isOptedOut(phoneNumber: string): Promise<boolean> {
        const out = await this.db.send(
            new GetCommand({
                TableName: this.tableName,
                Key: { PhoneNumber: phoneNumber },
                ConsistentRead: true,
                ProjectionExpression: "PhoneNumber",
            }),
        );
        return out.Item !== undefined;
    }

    /** Writes the whole item. */
    async put(record: OptedOutNumberRecord): Promise<void> {
        await this.db.send(new PutCommand({ TableName: this.tableName, Item: OptedOutNumberRecord.parse(record) }));
    }

    /**
     * One page of a scan that reads only each item's `OptedOutNumbers` map (not the sender's number), for
     * counting opt-outs by date; `next` is where the next page starts.
     */
    async scanOptOuts(limit: number, startAfter?: string): Promise<{ items: unknown[]; next: string | undefined }> {
        const out = await this.db.send(
            new ScanCommand({
                TableName: this.tableName,
                Limit: limit,
                ...(startAfter ? { ExclusiveStartKey: { PhoneNumber: startAfter } } : {}),
                ProjectionExpression: "#numbers",
                ExpressionAttributeNames: { "#numbers": "OptedOutNumbers" },
            }),
        );
        const next = out.LastEvaluatedKey?.PhoneNumber;
        return { items: out.Items ?? [], next: typeof next === "string" ? next : undefined };
    }

    /** Removes the sender's item (its last opt-out was lifted). */
    async delete(phoneNumber: string): Promise<void> {
        await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { PhoneNumber: phoneNumber } }));
    }
}
