import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface DynamoSettings {
    region: string;
    /** Local endpoint (dynalite); credentials are then dummies, as the local store ignores them. */
    endpoint?: string | undefined;
}

/** Builds the DynamoDB document client once, in the composition root. */
export function createDocumentClient(settings: DynamoSettings): DynamoDBDocumentClient {
    const client = new DynamoDBClient({
        region: settings.region,
        ...(settings.endpoint
            ? { endpoint: settings.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
            : {}),
        maxAttempts: 3,
    });
    return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
