import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { SubmittedLead } from "../lead/lead-state";
import type { AttributeFilter } from "./attribute-filter";

/** One page of a LeadStates scan; `nextLeadId` is where the next page starts (undefined: the scan is done). */
export interface LeadScanPage {
    items: Record<string, unknown>[];
    nextLeadId: string | undefined;
}

export interface LeadScanRequest {
    filter?: AttributeFilter | undefined;
    /** Return only `LeadId` of each item instead of the whole item. */
    idsOnly: boolean;
    /** Return only these top-level attributes of each item (ignored with `idsOnly`). */
    attributes?: readonly string[] | undefined;
    /** At most this many items are *evaluated* (DynamoDB's Limit), so a page never overshoots a cap. */
    limit: number;
    /** Start after this lead (the previous page's `nextLeadId`). */
    startAfter?: string | undefined;
}

/**
 * The item's DynamoDB TTL attribute (epoch seconds): set on a CLOSED lead's item to its close time plus
 * `LEAD_RETENTION`, so DynamoDB deletes the item even if the lead's own expiry never ran. The CDK enables TTL on it.
 */
export const EXPIRES_AT_ATTRIBUTE = "ExpiresAt";

/**
 * The `<PREFIX>_Web2Text_LeadStates` projection: a write-through copy of each lead's Restate state, for scans
 * and outside readers. Restate state stays the source of truth.
 */
export class LeadStatesTable {
    constructor(
        private readonly db: DynamoDBDocumentClient,
        readonly tableName: string,
    ) {}

    /** The lead's item (strongly consistent read), or undefined. */
    async get(leadId: string): Promise<Record<string, unknown> | undefined> {
        const out = await this.db.send(
            new GetCommand({ TableName: this.tableName, Key: { LeadId: leadId }, ConsistentRead: true }),
        );
        return out.Item;
    }

    /**
     * Writes the whole lead (full overwrite), as the projection of its current state; `expiresAt` (epoch seconds)
     * becomes the item's TTL attribute.
     */
    async put(lead: SubmittedLead, expiresAt?: number): Promise<void> {
        const item = expiresAt === undefined ? lead : { ...lead, [EXPIRES_AT_ATTRIBUTE]: expiresAt };
        await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
    }

    /** Deletes the lead's item; true when there was one (deleting a missing item changes nothing). */
    async delete(leadId: string): Promise<boolean> {
        const out = await this.db.send(
            new DeleteCommand({ TableName: this.tableName, Key: { LeadId: leadId }, ReturnValues: "ALL_OLD" }),
        );
        return out.Attributes !== undefined;
    }

    /**
     * Writes a new lead's first projection, unless an item for its id is there already: then nothing is written
     * and that item is returned (a lead held only in DynamoDB). An item with the same `DateSubmitted` is this
     * same write made by an earlier attempt of the caller's step (the date is fixed per create), so it counts as
     * written. One conditional write: learning that a lead is new needs no read.
     */
    async putNew(
        lead: SubmittedLead,
    ): Promise<{ created: true } | { created: false; existing: Record<string, unknown> }> {
        try {
            await this.db.send(
                new PutCommand({
                    TableName: this.tableName,
                    Item: lead,
                    ConditionExpression: "attribute_not_exists(LeadId) OR DateSubmitted = :submitted",
                    ExpressionAttributeValues: { ":submitted": lead.DateSubmitted },
                }),
            );
            return { created: true };
        } catch (error) {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
        const existing = await this.get(lead.LeadId);
        if (!existing)
            throw new Error(`The item of lead ${lead.LeadId} vanished after a conditional write; will retry`);
        return { created: false, existing };
    }

    /** One page of a scan, optionally filtered by attribute equality. */
    async scanPage(request: LeadScanRequest): Promise<LeadScanPage> {
        const names: Record<string, string> = { ...request.filter?.names };
        const projected = request.idsOnly ? ["LeadId"] : (request.attributes ?? []);
        projected.forEach((name, i) => {
            names[`#p${i}`] = name;
        });
        const out = await this.db.send(
            new ScanCommand({
                TableName: this.tableName,
                Limit: request.limit,
                ...(request.startAfter ? { ExclusiveStartKey: { LeadId: request.startAfter } } : {}),
                ...(request.filter
                    ? { FilterExpression: request.filter.expression, ExpressionAttributeValues: request.filter.values }
                    : {}),
                ...(projected.length > 0 ? { ProjectionExpression: projected.map((_, i) => `#p${i}`).join(", ") } : {}),
                ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            }),
        );
        const next = out.LastEvaluatedKey?.LeadId;
        return { items: out.Items ?? [], nextLeadId: typeof next === "string" ? next : undefined };
    }
}
