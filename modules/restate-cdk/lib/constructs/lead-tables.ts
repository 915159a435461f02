import { RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
// The one definition of the table names and keys, shared with the service and its local table setup.
import { EXPIRES_AT_ATTRIBUTE, TABLE_KEYS, type TableNames, tableNames } from "lead-processor";

export interface LeadTablesProps {
    /** Table name prefix: `<PREFIX>_Web2Text_APIKeys`, `_LeadStates`, `_OptedOutNumbers`. */
    prefix: string;
    /**
     * `create`: the tables are resources of this stack (on-demand, PITR, deletion protection, RETAIN).
     * `adopt`: tables of these names already exist (the old system's); they are referenced by name, so
     * CloudFormation can neither replace nor delete them; only LeadStates' TTL is switched on (an API call).
     */
    mode: "create" | "adopt";
}

/** The only table operations the service performs. */
export const TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Scan", "Query"].map(
    (a) => `dynamodb:${a}`,
);

/** ARNs of an environment's tables, computed from their names so no stack has to export them. */
export function tableArns(stack: Stack, prefix: string): string[] {
    return Object.values(tableNames(prefix)).map((tableName) =>
        stack.formatArn({ service: "dynamodb", resource: "table", resourceName: tableName }),
    );
}

/**
 * The statement that lets the lead processor use its three tables and nothing else. The same in both modes:
 * the ARNs come from the names, so a created table and an adopted one get the same grant.
 */
export function tableAccessStatement(scope: Construct, prefix: string): iam.PolicyStatement {
    return new iam.PolicyStatement({
        sid: "LeadProcessorTables",
        actions: TABLE_ACTIONS,
        resources: tableArns(Stack.of(scope), prefix),
    });
}

/** The three DynamoDB tables of an environment, created here or adopted by name. */
export class LeadTables extends Construct {
    readonly tables: Record<keyof TableNames, dynamodb.ITable>;

    constructor(scope: Construct, id: string, props: LeadTablesProps) {
        super(scope, id);
        const names = tableNames(props.prefix);
        const table = (key: keyof TableNames, constructId: string): dynamodb.ITable =>
            props.mode === "adopt"
                ? dynamodb.Table.fromTableName(this, constructId, names[key])
                : new dynamodb.Table(this, constructId, {
                      tableName: names[key],
                      partitionKey: { name: TABLE_KEYS[key], type: dynamodb.AttributeType.STRING },
                      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
                      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
                      // Only LeadStates' items carry it: a CLOSED lead's close time plus LEAD_RETENTION.
                      ...(key === "leadStates" ? { timeToLiveAttribute: EXPIRES_AT_ATTRIBUTE } : {}),
                      deletionProtection: true,
                      removalPolicy: RemovalPolicy.RETAIN,
                  });
        this.tables = {
            apiKeys: table("apiKeys", "ApiKeys"),
            leadStates: table("leadStates", "LeadStates"),
            optedOutNumbers: table("optedOutNumbers", "OptedOutNumbers"),
        };
        if (props.mode === "adopt") enableAdoptedTimeToLive(this, names.leadStates);
    }
}

/**
 * Switches on DynamoDB TTL (`ExpiresAt`) on an adopted LeadStates table, which CloudFormation does not manage: one
 * `UpdateTimeToLive` call when the stack is created or updated. DynamoDB answers a ValidationException when TTL is
 * already on for the table, which is then what we want (and on another attribute, which the old system never set).
 */
function enableAdoptedTimeToLive(scope: Construct, tableName: string): void {
    const call: cr.AwsSdkCall = {
        service: "DynamoDB",
        action: "updateTimeToLive",
        parameters: {
            TableName: tableName,
            TimeToLiveSpecification: { AttributeName: EXPIRES_AT_ATTRIBUTE, Enabled: true },
        },
        physicalResourceId: cr.PhysicalResourceId.of(`${tableName}-ttl-${EXPIRES_AT_ATTRIBUTE}`),
        ignoreErrorCodesMatching: "ValidationException",
    };
    const stack = Stack.of(scope);
    new cr.AwsCustomResource(scope, "LeadStatesTimeToLive", {
        onCreate: call,
        onUpdate: call,
        installLatestAwsSdk: false,
        policy: cr.AwsCustomResourcePolicy.fromStatements([
            new iam.PolicyStatement({
                actions: ["dynamodb:UpdateTimeToLive"],
                resources: [stack.formatArn({ service: "dynamodb", resource: "table", resourceName: tableName })],
            }),
        ]),
    });
    // The custom resource's function is one per stack, at the stack's root rather than under this construct.
    const provider = stack.node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll("-", "")}`);
    if (provider) {
        Validations.of(provider).acknowledge({
            id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
            reason: "AWS's policy for a Lambda function's own logs; the function may call UpdateTimeToLive on one table",
        });
    }
}
