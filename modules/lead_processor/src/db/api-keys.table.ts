import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";

/** An API key record (`<PREFIX>_Web2Text_APIKeys`), as the production system stored it. */
export const ApiKeyRecord = z.object({
    API_Key: z.string(),
    DateCreated: z.string(),
    Active: z.boolean(),
    AuthorizedEndpoints: z.array(z.string()),
    Description: z.string().optional(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;

export class ApiKeysTable {
    constructor(
        private readonly db: DynamoDBDocumentClient,
        readonly tableName: string,
    ) {}

    async get(key: string): Promise<ApiKeyRecord | undefined> {
        const out = await this.db.send(
            new GetCommand({ TableName: this.tableName, Key: { API_Key: key }, ConsistentRead: true }),
        );
        if (!out.Item) return undefined;
        const parsed = ApiKeyRecord.safeParse(out.Item);
        return parsed.success ? parsed.data : undefined;
    }

    async put(record: ApiKeyRecord): Promise<void> {
        await this.db.send(new PutCommand({ TableName: this.tableName, Item: ApiKeyRecord.parse(record) }));
    }

    async setActive(key: string, active: boolean): Promise<boolean> {
        try {
            await this.db.send(
                new UpdateCommand({
                    TableName: this.tableName,
                    Key: { API_Key: key },
                    UpdateExpression: "SET Active = :a",
                    ConditionExpression: "attribute_exists(API_Key)",
                    ExpressionAttributeValues: { ":a": active },
                }),
            );
            return true;
        } catch (error) {
            if (error instanceof Error && error.name === "ConditionalCheckFailedException") return false;
            throw error;
        }
    }

    async list(): Promise<ApiKeyRecord[]> {
        const items: ApiKeyRecord[] = [];
        let start: Record<string, unknown> | undefined;
        do {
            const page = await this.db.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: start }));
            for (const item of page.Items ?? []) {
                const parsed = ApiKeyRecord.safeParse(item);
                if (parsed.success) items.push(parsed.data);
            }
            start = page.LastEvaluatedKey;
        } while (start);
        return items;
    }
}
