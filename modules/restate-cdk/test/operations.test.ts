import { rmSync } from "node:fs";
import { App, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENVIRONMENTS, type EnvironmentSettingsInput, loadEnvironment } from "../config/environments";
import { AlarmTopic } from "../lib/constructs/alarm-topic";
import { HEALTH_COMMAND } from "../lib/health-metrics";
import { ENVIRONMENT_NAMES, type EnvironmentName } from "../lib/names";
import { renderValue } from "../lib/plan";
import { container, resourcesOfType, type Synthesized, synthesize, type TemplateJson } from "./support/synth";

const synthesized = {} as Record<EnvironmentName, Synthesized>;

beforeAll(() => {
    for (const env of ENVIRONMENT_NAMES) synthesized[env] = synthesize(env);
});

afterAll(() => {
    for (const s of Object.values(synthesized)) rmSync(s.assembly.directory, { recursive: true, force: true });
});

type Json = Parameters<typeof renderValue>[0];

/** One expected alarm: the metric it reads, when it fires and over how many periods. */
interface ExpectedAlarm {
    metric: string;
    threshold: number;
    comparison: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold";
    periods: number;
    missing: "notBreaching" | "breaching";
}

const GE = "GreaterThanOrEqualToThreshold";
const LT = "LessThanThreshold";

type Row = [
    what: string,
    metric: string,
    threshold: number,
    comparison: ExpectedAlarm["comparison"],
    periods: number,
    missing: ExpectedAlarm["missing"],
];

/** Every alarm of an environment, by name, written out from the thresholds each environment means to have. */
function expectedAlarms(env: EnvironmentName): Record<string, ExpectedAlarm> {
    const dev = env === "development";
    const ok = "notBreaching";
    const bad = "breaching";
    const tasks = (what: string, minTasks: number): Row => [
        what,
        "ECS/ContainerInsights RunningTaskCount",
        minTasks,
        LT,
        5,
        bad,
    ];
    const vendors = ["Twilio", "Botpress", "RLM", "DHQ", "ActOn", "FloorForce"];
    const tables = ["apikeys", "leadstates", "optedoutnumbers"];
    const rows: Row[] = [
        ["stuck-invocations", "LeadProcessor StuckInvocations", 1, GE, 2, ok],
        ["paused-invocations", "LeadProcessor PausedInvocations", 1, GE, 1, ok],
        ...vendors.map(
            (v): Row => [
                `integration-errors-${v.toLowerCase()}`,
                `LeadProcessor IntegrationErrors Vendor=${v}`,
                dev ? 5 : 1,
                GE,
                2,
                ok,
            ],
        ),
        ["health-report-missing", "LeadProcessor StuckInvocations", 1, LT, 1, bad],
        [
            "ingress-5xx",
            "AWS/ApplicationELB HTTPCode_ELB_5XX_Count+HTTPCode_Target_5XX_Count",
            dev ? 50 : 10,
            GE,
            1,
            ok,
        ],
        // Development runs one Restate node, production a cluster of three: every node is watched.
        ["restate-ingress-unhealthy", "AWS/ApplicationELB HealthyHostCount", dev ? 1 : 3, LT, 3, bad],
        ["restate-admin-unhealthy", "AWS/ApplicationELB HealthyHostCount", dev ? 1 : 3, LT, 3, bad],
        ...(dev ? [""] : ["", "-2", "-3"]).flatMap((node): Row[] => [
            [`restate-data${node}-size`, "AWS/EFS StorageBytes", 100 * 1024 ** 3, "GreaterThanThreshold", 1, ok],
            [`restate-data${node}-io-limit`, "AWS/EFS PercentIOLimit", 90, GE, 3, ok],
            tasks(`restate-server${node}-tasks`, 1),
        ]),
        tasks("twilio-proxy-tasks", dev ? 1 : 2),
        tasks("lead-processor-tasks", dev ? 1 : 2),
        ...tables.map(
            (t): Row => [`table-throttles-${t}`, "AWS/DynamoDB ReadThrottleEvents+WriteThrottleEvents", 10, GE, 1, ok],
        ),
    ];
    return Object.fromEntries(
        rows.map(([what, metric, threshold, comparison, periods, missing]) => [
            `lead-processor-${env}-${what}`,
            { metric, threshold, comparison, periods, missing },
        ]),
    );
}

type Properties = Record<string, Json>;

/** `namespace metric[+metric…] [Vendor=…]` of an alarm, from its single metric or its math expression. */
function describeMetric(p: Properties): string {
    const single = (m: Properties): [string, string, string] => {
        const dims = (Array.isArray(m.Dimensions) ? m.Dimensions : []) as Properties[];
        const vendor = dims.find((d) => d.Name === "Vendor");
        return [String(m.Namespace), String(m.MetricName), vendor ? ` Vendor=${String(vendor.Value)}` : ""];
    };
    if (typeof p.MetricName === "string") {
        const [ns, name, vendor] = single(p);
        return `${ns} ${name}${vendor}`;
    }
    const parts = ((p.Metrics ?? []) as Properties[])
        .map((q) => (q.MetricStat as Properties | undefined)?.Metric as Properties | undefined)
        .filter((m): m is Properties => m !== undefined)
        .map(single);
    return `${parts[0]?.[0]} ${parts.map(([, name]) => name).join("+")}`;
}

function alarmsOf(s: Synthesized): Record<string, Properties> {
    const all: Record<string, Properties> = {};
    for (const template of Object.values(s.json) as TemplateJson[]) {
        for (const [, alarm] of resourcesOfType(template, "AWS::CloudWatch::Alarm")) {
            const p = (alarm.Properties ?? {}) as Properties;
            all[String(p.AlarmName)] = p;
        }
    }
    return all;
}

describe.each(ENVIRONMENT_NAMES)("%s operations", (env) => {
    const s = () => synthesized[env];
    const topicArn = `arn:<AWS::Partition>:sns:us-east-1:123456789012:lead-processor-${env}-alarms`;

    it("has one encrypted alarm topic that only this account's CloudWatch alarms publish to, over TLS", () => {
        const t = s().templates.network;
        t.hasResourceProperties("AWS::SNS::Topic", {
            TopicName: `lead-processor-${env}-alarms`,
            KmsMasterKeyId: Match.anyValue(),
        });
        t.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
        t.hasResourceProperties("AWS::SNS::TopicPolicy", {
            PolicyDocument: Match.objectLike({
                Statement: Match.arrayWith([
                    Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
                    Match.objectLike({
                        Effect: "Allow",
                        Action: "sns:Publish",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                    }),
                ]),
            }),
        });
        // CloudWatch may use the key to publish.
        t.hasResourceProperties("AWS::KMS::Key", {
            KeyPolicy: Match.objectLike({
                Statement: Match.arrayWith([
                    Match.objectLike({
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    }),
                ]),
            }),
        });
    });

    it("has exactly the expected alarms, each with its threshold, and each notifies the topic on alarm and recovery", () => {
        const actual = alarmsOf(s());
        const expected = expectedAlarms(env);
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
        for (const [name, want] of Object.entries(expected)) {
            const p = actual[name] ?? {};
            expect({ name, metric: describeMetric(p) }).toEqual({ name, metric: want.metric });
            expect({ name, threshold: p.Threshold, comparison: p.ComparisonOperator }).toEqual({
                name,
                threshold: want.threshold,
                comparison: want.comparison,
            });
            expect({ name, periods: p.EvaluationPeriods, missing: p.TreatMissingData }).toEqual({
                name,
                periods: want.periods,
                missing: want.missing,
            });
            expect((p.AlarmActions as Json[]).map(renderValue)).toEqual([topicArn]);
            expect((p.OKActions as Json[]).map(renderValue)).toEqual([topicArn]);
            expect(String(p.AlarmDescription)).toMatch(/First: /);
        }
    });

    it("reads the health figures per environment and per vendor, as the health entry publishes them", () => {
        const rlm = alarmsOf(s())[`lead-processor-${env}-integration-errors-rlm`] ?? {};
        expect(rlm.Dimensions).toEqual([
            { Name: "Environment", Value: env },
            { Name: "Vendor", Value: "RLM" },
        ]);
        expect(rlm.Namespace).toBe("LeadProcessor");
        expect(rlm.Period).toBe(300);
    });

    it("shows every alarm on the one dashboard", () => {
        const dashboards = (Object.values(s().json) as TemplateJson[]).flatMap((t) =>
            resourcesOfType(t, "AWS::CloudWatch::Dashboard"),
        );
        expect(dashboards).toHaveLength(1);
        const [, dashboard] = dashboards[0] ?? [];
        expect(dashboard?.Properties?.DashboardName).toBe(`lead-processor-${env}`);
        const body = renderValue(dashboard?.Properties?.DashboardBody as Json);
        for (const name of Object.keys(expectedAlarms(env))) expect(body).toContain(`:alarm:${name}"`);
        expect(body).toContain('"OldestStuckInvocationSeconds"');
        expect(body).toContain('"BlockedRequests"');
    });

    it("runs the health report every five minutes as a Fargate task of the lead-processor image", () => {
        const t = s().templates.service;
        const health = container(s().json.service, "health");
        const lp = container(s().json.service, "lead-processor");
        expect(health.Image).toEqual(lp.Image);
        expect(health.Command).toEqual(HEALTH_COMMAND);
        expect(health.Secrets).toEqual(lp.Secrets);
        const env_ = Object.fromEntries((health.Environment ?? []).map((e) => [e.Name, renderValue(e.Value as Json)]));
        expect(env_.RESTATE_ADMIN_URL).toMatch(/^http:\/\/.*:9070$/);
        expect(env_.DEPLOYMENT_ENV).toBe(env);
        t.hasResourceProperties("AWS::Events::Rule", {
            ScheduleExpression: "rate(5 minutes)",
            Targets: [
                Match.objectLike({
                    EcsParameters: Match.objectLike({
                        LaunchType: "FARGATE",
                        TaskCount: 1,
                        NetworkConfiguration: {
                            AwsVpcConfiguration: Match.objectLike({ AssignPublicIp: "DISABLED" }),
                        },
                    }),
                }),
            ],
        });
        t.hasResourceProperties("AWS::ECS::TaskDefinition", { Family: `lead-processor-health-${env}` });
    });

    it("logs every load balancer's requests, and the created VPC's traffic, to the access-log bucket", () => {
        let balancers = 0;
        for (const template of Object.values(s().json) as TemplateJson[]) {
            for (const [id, lb] of resourcesOfType(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")) {
                balancers += 1;
                const attributes = lb.Properties?.LoadBalancerAttributes as { Key: string; Value: unknown }[];
                expect(attributes, id).toEqual(
                    expect.arrayContaining([{ Key: "access_logs.s3.enabled", Value: "true" }]),
                );
            }
        }
        expect(balancers).toBe(3);
        s().templates.network.hasResourceProperties("AWS::S3::Bucket", {
            BucketEncryption: {
                ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
            },
            PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
        });
        // Production's VPC is an existing one, looked up: its flow logs are not this app's.
        s().templates.network.resourceCountIs("AWS::EC2::FlowLog", env === "development" ? 1 : 0);
    });

    it("lets the schedule run the health task and pass its two roles, nothing more", () => {
        const roles = resourcesOfType(s().json.service, "AWS::IAM::Role").filter(([id]) =>
            id.startsWith("HealthReportRunTaskRole"),
        );
        expect(roles).toHaveLength(1);
        const policies = resourcesOfType(s().json.service, "AWS::IAM::Policy").filter(([id]) =>
            id.startsWith("HealthReportRunTaskRole"),
        );
        expect(policies).toHaveLength(1);
        const document = policies[0]?.[1].Properties?.PolicyDocument as
            | { Statement: { Action: unknown }[] }
            | undefined;
        const statements = document?.Statement ?? [];
        expect(statements.map((st) => st.Action)).toEqual(["ecs:RunTask", "iam:PassRole"]);
    });

    it("rate-limits the public ingress per API key and per Twilio webhook caller with 429 and Retry-After", () => {
        const t = s().templates.restateServer;
        const limits = s().settings.edgeRateLimits;
        expect(limits).toEqual({ apiKeyPerMinute: 1200, twilioWebhookPerIpPerMinute: 600 });
        const tooMany = {
            Block: {
                CustomResponse: { ResponseCode: 429, ResponseHeaders: [{ Name: "Retry-After", Value: "60" }] },
            },
        };
        t.hasResourceProperties("AWS::WAFv2::WebACL", {
            Scope: "REGIONAL",
            DefaultAction: { Allow: {} },
            Rules: [
                Match.objectLike({
                    Name: "per-api-key",
                    Action: tooMany,
                    Statement: {
                        RateBasedStatement: {
                            Limit: limits.apiKeyPerMinute,
                            EvaluationWindowSec: 60,
                            AggregateKeyType: "CUSTOM_KEYS",
                            CustomKeys: [
                                {
                                    Header: {
                                        Name: "authorization",
                                        TextTransformations: [{ Priority: 0, Type: "LOWERCASE" }],
                                    },
                                },
                            ],
                        },
                    },
                }),
                Match.objectLike({
                    Name: "twilio-webhooks-per-ip",
                    Action: tooMany,
                    Statement: {
                        RateBasedStatement: Match.objectLike({
                            Limit: limits.twilioWebhookPerIpPerMinute,
                            AggregateKeyType: "IP",
                            ScopeDownStatement: {
                                ByteMatchStatement: Match.objectLike({
                                    FieldToMatch: { UriPath: {} },
                                    PositionalConstraint: "STARTS_WITH",
                                    SearchString: "/TwilioWebhooks/",
                                }),
                            },
                        }),
                    },
                }),
            ],
        });
        // Associated with the internet-facing balancer, not the internal one.
        const publicLbs = resourcesOfType(s().json.restateServer, "AWS::ElasticLoadBalancingV2::LoadBalancer")
            .filter(([, lb]) => lb.Properties?.Scheme === "internet-facing")
            .map(([id]) => id);
        expect(publicLbs).toHaveLength(1);
        const [lbId] = publicLbs;
        t.hasResourceProperties("AWS::WAFv2::WebACLAssociation", { ResourceArn: { Ref: lbId } });
        t.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
    });
});

describe("operations settings", () => {
    const withChange = (change: (s: EnvironmentSettingsInput) => void) => {
        const copy = structuredClone(ENVIRONMENTS.development);
        change(copy);
        return () => loadEnvironment("development", { ...ENVIRONMENTS, development: copy });
    };

    it("fills every threshold and limit an environment leaves out with its default", () => {
        const settings = loadEnvironment("production");
        expect(settings.alarms).toEqual({
            emails: [],
            thresholds: {
                stuckInvocations: 1,
                pausedInvocations: 1,
                integrationErrors: 1,
                ingress5xxPerFiveMinutes: 10,
                taskShortfallMinutes: 5,
                restateUnhealthyMinutes: 3,
                restateDataGiB: 100,
                restateIoLimitPercent: 90,
                tableThrottlesPerFiveMinutes: 10,
            },
        });
    });

    it("rejects a limit WAF cannot take, a zero threshold and a malformed e-mail, naming each", () => {
        const load = withChange((s) => {
            s.edgeRateLimits = { apiKeyPerMinute: 5 };
            s.alarms = { emails: ["ops at example"], thresholds: { stuckInvocations: 0 } };
        });
        expect(load).toThrow(/edgeRateLimits\.apiKeyPerMinute/);
        expect(load).toThrow(/alarms\.emails\.0/);
        expect(load).toThrow(/alarms\.thresholds\.stuckInvocations/);
    });

    it("subscribes the configured e-mail addresses to the alarm topic", () => {
        const stack = new Stack(new App(), "Topic");
        new AlarmTopic(stack, "Alarms", { env: "development", emails: ["ops@example.com", "oncall@example.com"] });
        const t = Template.fromStack(stack);
        t.resourceCountIs("AWS::SNS::Subscription", 2);
        t.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.com" });
    });
});
