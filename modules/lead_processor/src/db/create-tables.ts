import { CreateTableCommand, type DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { TABLE_KEYS, type TableNames } from "./table-names";

/** Creates the three tables when missing (local development and tests; AWS tables come from CDK). */
export async function createTablesIfMissing(client: DynamoDBClient, names: TableNames): Promise<string[]> {
    const created: string[] = [];
    for (const key of Object.keys(TABLE_KEYS) as (keyof TableNames)[]) {
        try {
            await client.send(
                new CreateTableCommand({
                    TableName: names[key],
                    BillingMode: "PAY_PER_REQUEST",
                    AttributeDefinitions: [{ AttributeName: TABLE_KEYS[key], AttributeType: "S" }],
                    KeySchema: [{ AttributeName: TABLE_KEYS[key], KeyType: "HASH" }],
                }),
            );
            created.push(names[key]);
        } catch (error) {
            if (!(error instanceof ResourceInUseException)) throw error;
        }
    }
    return created;
}
