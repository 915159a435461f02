import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface DynamoSettings {
    region: string;
    /** Local endpoint (dynalite); credentials are then dummies, as the local store ignores them. */
    endpoint?: string | undefined;
}

/** The low-level DynamoDB client (table management); item access goes through {@link createDocumentClient}. */
export function createDynamoClient(settings: DynamoSettings): DynamoDBClient {
    return new DynamoDBClient({
        region: settings.region,
        ...(settings.endpoint
            ? { endpoint: settings.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
            : {}),
        maxAttempts: 3,
    });
}

/** Builds the DynamoDB document client once, in the composition root. */
export function createDocumentClient(settings: DynamoSettings): DynamoDBDocumentClient {
    return DynamoDBDocumentClient.from(createDynamoClient(settings), {
        marshallOptions: { removeUndefinedValues: true },
    });
}
