import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

/**
 * The `<PREFIX>_Web2Text_LeadStates` projection: a write-through copy of each lead's Restate state, for scans
 * and outside readers. Restate state stays the source of truth.
 */
export class LeadStatesTable {
    constructor(
        private readonly db: DynamoDBDocumentClient,
        readonly tableName: string,
    ) {}

    async get(leadId: string): Promise<Record<string, unknown> | undefined> {
        const out = await this.db.send(
            new GetCommand({ TableName: this.tableName, Key: { LeadId: leadId }, ConsistentRead: true }),
        );
        return out.Item;
    }
}
