/**
 * How cdk-nag spells ARNs inside the ids of its findings, for the acknowledgements that have to name one
 * (`AwsSolutions-IAM5[Resource::<arn>]`): a same-stack resource's ARN is `<LogicalId.Arn>`, the partition is
 * `<AWS::Partition>`. `test/cdk-nag.test.ts` fails if a spelling here stops matching.
 */
import { CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/** `<LogicalId.Arn>` of an L2 construct's CloudFormation resource. */
export function nagArnOf(construct: IConstruct): string {
    const resource = construct.node.defaultChild;
    if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
    return `<${Stack.of(resource).getLogicalId(resource)}.Arn>`;
}

/** `arn:<AWS::Partition>:<service>:<region>:<account>:<resource>` in the stack's region and account. */
export function nagArn(stack: Stack, service: string, resource: string): string {
    return `arn:<AWS::Partition>:${service}:${stack.region}:${stack.account}:${resource}`;
}
