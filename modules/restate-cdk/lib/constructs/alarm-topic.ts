import { ArnFormat, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { alarmTopicName, type EnvironmentName } from "../names";

export interface AlarmTopicProps {
    /** Environment: the topic is `lead-processor-<env>-alarms`, the name every alarm computes its ARN from. */
    env: EnvironmentName;
    /** E-mail addresses subscribed to the topic (each confirms the subscription once). */
    emails: string[];
}

/**
 * The environment's alarm topic, encrypted with its own KMS key (rotated yearly). AWS's managed SNS key cannot
 * be used: CloudWatch must be allowed to use the key to publish, which only a key's own policy can say. The
 * topic takes publications from this account's CloudWatch alarms, over TLS only.
 */
export class AlarmTopic extends Construct {
    readonly topic: sns.Topic;
    readonly key: kms.Key;

    constructor(scope: Construct, id: string, props: AlarmTopicProps) {
        super(scope, id);
        const stack = Stack.of(this);
        this.key = new kms.Key(this, "Key", {
            description: `Encrypts the lead processor's ${props.env} alarm topic`,
            enableKeyRotation: true,
        });
        const cloudwatchService = new iam.ServicePrincipal("cloudwatch.amazonaws.com");
        this.key.grant(cloudwatchService, "kms:Decrypt", "kms:GenerateDataKey*");
        this.topic = new sns.Topic(this, "Topic", {
            topicName: alarmTopicName(props.env),
            displayName: `Lead processor ${props.env} alarms`,
            masterKey: this.key,
            enforceSSL: true,
        });
        this.topic.addToResourcePolicy(
            new iam.PolicyStatement({
                sid: "CloudWatchAlarmsOfThisAccount",
                principals: [cloudwatchService],
                actions: ["sns:Publish"],
                resources: [this.topic.topicArn],
                conditions: {
                    ArnLike: {
                        "aws:SourceArn": stack.formatArn({
                            service: "cloudwatch",
                            resource: "alarm",
                            resourceName: "*",
                            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                        }),
                    },
                },
            }),
        );
        for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
}
