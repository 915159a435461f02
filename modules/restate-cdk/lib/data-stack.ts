import { RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
// The one definition of the table names and keys, shared with the service and its local table setup.
import { TABLE_KEYS, type TableNames, tableNames } from "lead-processor";
import type { EnvironmentSettings } from "../config/environments";

export interface DataStackProps extends StackProps {
    settings: EnvironmentSettings;
}

/** ARNs of an environment's tables, computed from their names so no stack has to export them. */
export function tableArns(stack: Stack, prefix: string): string[] {
    return Object.values(tableNames(prefix)).map((tableName) =>
        stack.formatArn({ service: "dynamodb", resource: "table", resourceName: tableName }),
    );
}

/**
 * The three DynamoDB tables of an environment: on-demand, point-in-time recovery, deletion protection and
 * RETAIN, so neither `cdk destroy` nor a removed construct can lose data. Tables that already exist (the old
 * system created them by hand) are adopted with `cdk import`, which RETAIN makes possible.
 */
export class DataStack extends Stack {
    readonly tables: Record<keyof TableNames, dynamodb.Table>;

    constructor(scope: Construct, id: string, props: DataStackProps) {
        super(scope, id, props);
        const names = tableNames(props.settings.tablePrefix);
        const table = (key: keyof TableNames, constructId: string) =>
            new dynamodb.Table(this, constructId, {
                tableName: names[key],
                partitionKey: { name: TABLE_KEYS[key], type: dynamodb.AttributeType.STRING },
                billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
                pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
                deletionProtection: true,
                removalPolicy: RemovalPolicy.RETAIN,
            });
        this.tables = {
            apiKeys: table("apiKeys", "ApiKeys"),
            leadStates: table("leadStates", "LeadStates"),
            optedOutNumbers: table("optedOutNumbers", "OptedOutNumbers"),
        };
    }
}
