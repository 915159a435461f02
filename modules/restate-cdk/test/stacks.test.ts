import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { ConfigError, loadConfig } from "common";
import { LeadProcessorConfig, TABLE_KEYS, tableNames } from "lead-processor";
import { ProxyConfig } from "twilio-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnvironment, SECRET_LIKE_NAME } from "../config/environments";
import { LEAD_PROCESSOR_SECRET_KEYS } from "../config/lead-processor-secret";
import { TABLE_ACTIONS } from "../lib/constructs/lead-tables";
import { TWILIO_PROXY_SECRET_KEYS } from "../lib/constructs/twilio-proxy-service";
import { imageBuildArgs, type ServiceModule } from "../lib/images";
import { ENVIRONMENT_NAMES, type EnvironmentName, releaseHost, stackNames } from "../lib/names";
import { formatPlan, planStack, renderValue } from "../lib/plan";
import { LEAD_PROCESSOR_SECRET_VALUES } from "./support/secret-values";
import {
    type ContainerDefinition,
    container,
    containers,
    resourcesOfType,
    type Synthesized,
    synthesize,
    type TemplateJson,
} from "./support/synth";

const synthesized = {} as Record<EnvironmentName, Synthesized>;
let rotated: Synthesized;
/** Development with the settings the committed environments do not use: tables created, an INTERNAL_API_TOKEN secret. */
let variant: Synthesized;

beforeAll(() => {
    // Synthesised once per environment for the whole file; every test below reads these.
    for (const env of ENVIRONMENT_NAMES) synthesized[env] = synthesize(env);
    rotated = synthesize("development", { releaseId: "next-release" });
    variant = synthesize("development", {}, (settings) => {
        settings.tables = "create";
        settings.leadProcessor.internalApiToken = { secretArn: settings.leadProcessor.secretArn };
    });
});

afterAll(() => {
    for (const s of [...Object.values(synthesized), rotated, variant]) {
        rmSync(s.assembly.directory, { recursive: true, force: true });
    }
});

const allTemplates = (s: Synthesized): [string, TemplateJson][] =>
    Object.values(s.stacks).map((stack, i) => [stack.stackName, Object.values(s.json)[i] as TemplateJson]);

interface IngressRule {
    port: number;
    cidr: string | undefined;
    groupRef: string;
}

/** Every ingress rule of a template: inline on security groups and separate SecurityGroupIngress resources. */
function ingressRules(template: TemplateJson): IngressRule[] {
    const rules: IngressRule[] = [];
    for (const [id, r] of resourcesOfType(template, "AWS::EC2::SecurityGroup")) {
        for (const rule of (r.Properties?.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? []) {
            const cidr = rule.CidrIp === undefined ? undefined : renderValue(rule.CidrIp as never);
            rules.push({ port: Number(rule.FromPort), cidr, groupRef: id });
        }
    }
    for (const [, r] of resourcesOfType(template, "AWS::EC2::SecurityGroupIngress")) {
        const p = r.Properties ?? {};
        rules.push({
            port: Number(p.FromPort),
            cidr: p.CidrIp ? renderValue(p.CidrIp as never) : undefined,
            groupRef: renderValue(p.GroupId as never),
        });
    }
    return rules;
}

interface AssetManifest {
    files: Record<string, { source: { path: string } }>;
    dockerImages: Record<
        string,
        { source: { directory: string; dockerFile: string; dockerBuildArgs?: Record<string, string> } }
    >;
}

function assetManifest(s: Synthesized, stackName: string): AssetManifest {
    return JSON.parse(
        readFileSync(path.join(s.assembly.directory, `${stackName}.assets.json`), "utf8"),
    ) as AssetManifest;
}

/** The stack has one image: the root Dockerfile with the module's build arguments, staged without node_modules. */
function expectServiceImage(s: Synthesized, stack: "service" | "twilioProxy", module: ServiceModule): void {
    const images = Object.values(assetManifest(s, s.stacks[stack].stackName).dockerImages);
    expect(images).toHaveLength(1);
    expect(images[0]?.source).toEqual(
        expect.objectContaining({ dockerFile: "Dockerfile", dockerBuildArgs: imageBuildArgs(module) }),
    );
    const dir = path.join(s.assembly.directory, images[0]?.source.directory ?? "");
    expect(existsSync(path.join(dir, "Dockerfile"))).toBe(true);
    expect(existsSync(path.join(dir, `modules/${module}/src/main.ts`))).toBe(true);
    expect(existsSync(path.join(dir, "node_modules"))).toBe(false);
}

function envOf(c: ContainerDefinition): Record<string, unknown> {
    return Object.fromEntries((c.Environment ?? []).map((e) => [e.Name, e.Value]));
}

function secretNames(c: ContainerDefinition): string[] {
    return (c.Secrets ?? []).map((s) => s.Name).sort();
}

const secretValues: Record<string, string> = LEAD_PROCESSOR_SECRET_VALUES;

/** The environment a container starts with: literal values, a placeholder for deploy-time references, dummies for secrets. */
function startupEnvironment(c: ContainerDefinition): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(envOf(c))) {
        env[name] = typeof value === "string" ? value : "http://resolved-at-deploy.internal";
    }
    for (const name of secretNames(c)) env[name] = secretValues[name] ?? "secret-value-0123456789";
    return env;
}

/** What the lead processor would report at start-up with this environment (one line per setting). */
function leadProcessorStartupProblems(env: Record<string, string>): string[] {
    try {
        loadConfig("lead-processor", LeadProcessorConfig, env);
        return [];
    } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
    }
}

describe.each(ENVIRONMENT_NAMES)("%s", (envName) => {
    const s = () => synthesized[envName];

    describe("synthesis", () => {
        it("produces the five stacks, offline, without errors or missing lookups", () => {
            const names = stackNames(envName);
            expect(Object.values(s().stacks).map((stack) => stack.stackName)).toEqual([
                names.network,
                names.data,
                names.restateServer,
                names.twilioProxy,
                names.service,
            ]);
            // Every context lookup (AZs, the production VPC) is answered by the committed cdk.context.json.
            expect(s().assembly.manifest.missing ?? []).toEqual([]);
            for (const stack of Object.values(s().stacks)) {
                const artifact = s().assembly.getStackByName(stack.stackName);
                expect(artifact.messages.filter((m) => m.level === "error")).toEqual([]);
                expect(artifact.environment.account).toBe("123456789012");
            }
        });

        it("protects production stacks from deletion", () => {
            for (const stack of Object.values(s().stacks)) {
                expect(stack.terminationProtection).toBe(envName === "production");
            }
        });
    });

    describe("data", () => {
        it("adopts the existing tables by name: no stack has a table, the data stack only switches on LeadStates' TTL", () => {
            expect(s().settings.tables).toBe("adopt");
            const leadStates = tableNames(envName === "development" ? "DEV" : "PROD").leadStates;
            const ttl = resourcesOfType(s().json.data, "Custom::AWS");
            expect(ttl).toHaveLength(1);
            const create = ttl[0]?.[1].Properties?.Create;
            expect(typeof create === "string" ? JSON.parse(create) : create).toMatchObject({
                service: "DynamoDB",
                action: "updateTimeToLive",
                parameters: {
                    TableName: leadStates,
                    TimeToLiveSpecification: { AttributeName: "ExpiresAt", Enabled: true },
                },
            });
            // The call may update that one table's TTL and nothing else.
            const statements = resourcesOfType(s().json.data, "AWS::IAM::Policy").map(([, policy]) =>
                JSON.stringify(policy.Properties?.PolicyDocument),
            );
            expect(statements).toHaveLength(1);
            expect(statements[0]).toContain('"Action":"dynamodb:UpdateTimeToLive"');
            expect(statements[0]).toContain(`:table/${leadStates}"`);
            for (const [, template] of allTemplates(s())) {
                expect(resourcesOfType(template, "AWS::DynamoDB::Table")).toEqual([]);
            }
            const names = Object.values(s().stacks.data.tables).map((table) => table.tableName);
            expect(names.map((name) => s().stacks.data.resolve(name))).toEqual(
                Object.values(tableNames(envName === "development" ? "DEV" : "PROD")),
            );
        });
    });

    // Cluster mode (production) has its own assertions in restate-cluster.test.ts.
    describe.runIf(loadEnvironment(envName).restate.mode === "single")("restate server (single mode)", () => {
        it("runs exactly one task: desired 1, min 0 % / max 100 % so the old task stops first", () => {
            const t = s().templates.restateServer;
            t.resourceCountIs("AWS::ECS::Service", 1);
            t.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
            t.hasResourceProperties("AWS::ECS::Service", {
                DesiredCount: 1,
                LaunchType: "FARGATE",
                DeploymentConfiguration: Match.objectLike({
                    MinimumHealthyPercent: 0,
                    MaximumPercent: 100,
                    DeploymentCircuitBreaker: { Enable: true, Rollback: true },
                }),
                NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: "DISABLED" }) },
            });
        });

        it("keeps its data directory on encrypted, retained EFS mounted through an IAM-authorised access point", () => {
            const t = s().templates.restateServer;
            t.hasResource("AWS::EFS::FileSystem", {
                DeletionPolicy: "Retain",
                Properties: Match.objectLike({ Encrypted: true, BackupPolicy: { Status: "ENABLED" } }),
            });
            t.hasResourceProperties("AWS::ECS::TaskDefinition", {
                Volumes: [
                    {
                        Name: "restate-data",
                        EFSVolumeConfiguration: {
                            FilesystemId: Match.anyValue(),
                            TransitEncryption: "ENABLED",
                            AuthorizationConfig: { AccessPointId: Match.anyValue(), IAM: "ENABLED" },
                        },
                    },
                ],
            });
            const restate = container(s().json.restateServer, "restate");
            expect(restate.MountPoints).toEqual([
                { SourceVolume: "restate-data", ContainerPath: "/restate-data", ReadOnly: false },
            ]);
            const env = envOf(restate);
            expect(env.RESTATE_BASE_DIR).toBe("/restate-data");
            expect(env.RESTATE_NODE_NAME).toBe(`restate-${envName}`);
            expect(env.RESTATE_LISTEN_MODE).toBe("tcp");
            t.hasResourceProperties("AWS::IAM::Policy", {
                PolicyDocument: {
                    Statement: Match.arrayWith([
                        Match.objectLike({
                            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                        }),
                    ]),
                },
            });
        });

        it("is sized to its task by the environment's tuning: partitions, invoker concurrency, log filter", () => {
            const env = envOf(container(s().json.restateServer, "restate"));
            const expected = {
                development: { partitions: "4", invokers: "128" },
                production: { partitions: "8", invokers: "256" },
            }[envName];
            expect(env).toMatchObject({
                RESTATE_DEFAULT_NUM_PARTITIONS: expected.partitions,
                RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: expected.invokers,
                RESTATE_LOG_FILTER: "warn,restate=info",
            });
        });

        it("runs the pinned Restate image with ingress, admin and node ports, JSON logs and OTLP tracing", () => {
            const restate = container(s().json.restateServer, "restate");
            expect(restate.Image).toBe("docker.restate.dev/restatedev/restate:1.7.12");
            expect(restate.PortMappings?.map((p) => p.ContainerPort)).toEqual([8080, 9070, 5122]);
            const env = envOf(restate);
            expect(env.RESTATE_LOG_FORMAT).toBe("json");
            expect(env.RESTATE_TRACING_ENDPOINT).toBe("http://127.0.0.1:4317");
            const collector = container(s().json.restateServer, "otel-collector");
            expect(String(collector.Image)).toMatch(/aws-otel-collector:v\d+\.\d+\.\d+$/);
            s().templates.restateServer.hasResourceProperties("AWS::Logs::LogGroup", {
                LogGroupName: `/lead-processor/${envName}/restate-server`,
            });
        });

        const listenersByScheme = () => {
            const json = s().json.restateServer;
            const lbs = resourcesOfType(json, "AWS::ElasticLoadBalancingV2::LoadBalancer");
            const scheme = new Map(lbs.map(([id, r]) => [id, String(r.Properties?.Scheme)]));
            const out: Record<string, number[]> = {};
            for (const [, listener] of resourcesOfType(json, "AWS::ElasticLoadBalancingV2::Listener")) {
                const lb = renderValue(listener.Properties?.LoadBalancerArn as never).replace(/^<|>$/g, "");
                const key = scheme.get(lb) ?? "unknown";
                out[key] = [...(out[key] ?? []), Number(listener.Properties?.Port)].sort();
            }
            return out;
        };

        it("exposes only TLS 443 publicly, with the certificate, forwarded to ingress 8080", () => {
            expect(listenersByScheme()).toEqual({ "internet-facing": [443], internal: [8080, 9070] });
            const t = s().templates.restateServer;
            t.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
                Port: 443,
                Protocol: "HTTPS",
                Certificates: [{ CertificateArn: s().settings.dns.certificateArn }],
                SslPolicy: Match.stringLikeRegexp("TLS13"),
            });
            const targetGroups = resourcesOfType(
                s().json.restateServer,
                "AWS::ElasticLoadBalancingV2::TargetGroup",
            ).map(([, r]) => [r.Properties?.Port, r.Properties?.HealthCheckPath, r.Properties?.HealthCheckPort]);
            expect(targetGroups).toEqual([
                [8080, "/restate/health", "8080"],
                [8080, "/restate/health", "8080"],
                [9070, "/health", "9070"],
            ]);
            const open = ingressRules(s().json.restateServer).filter((r) => r.cidr === "0.0.0.0/0");
            expect(open.map((r) => r.port)).toEqual([443]);
        });

        it("serves plain ingress 8080 and admin 9070 on an internal load balancer, from the VPC and VPN only", () => {
            const rules = ingressRules(s().json.restateServer).filter((r) => r.cidr !== undefined);
            const vpcCidr = envName === "production" ? "10.30.0.0/16" : expect.stringContaining("CidrBlock");
            for (const port of [8080, 9070]) {
                const cidrs = rules.filter((r) => r.port === port).map((r) => r.cidr);
                expect(cidrs).toEqual([vpcCidr, ...s().settings.network.adminCidrs]);
            }
            // The Restate task itself accepts only its load balancers (security-group peers, no CIDR).
            const task = ingressRules(s().json.restateServer).filter((r) => r.groupRef.includes("TaskSecurityGroup"));
            expect(task.map((r) => [r.port, r.cidr])).toEqual([
                [8080, undefined],
                [8080, undefined],
                [9070, undefined],
            ]);
        });
    });

    describe("lead processor", () => {
        const lpContainer = () => container(s().json.service, "lead-processor");

        it("builds its image from the root Dockerfile with MODULE=lead_processor, PORT=9080", () => {
            expectServiceImage(s(), "service", "lead_processor");
            expect(String(renderValue(lpContainer().Image as never))).toContain(s().stacks.service.releaseId);
        });

        it("receives the old secret's keys under their own names as ECS secrets, never as plain environment", () => {
            const c = lpContainer();
            // No INTERNAL_API_TOKEN: no environment names a secret for it, so the service derives it.
            expect(secretNames(c)).toEqual([...LEAD_PROCESSOR_SECRET_KEYS, "TWILIO_PROXY_PASS"].sort());
            expect(secretNames(c)).toEqual(expect.arrayContaining(["TWILIO_API_SID", "NEXUS_AWS_API_SECRET_NAME"]));
            const lpSecret = s().settings.leadProcessor.secretArn;
            for (const secret of c.Secrets ?? []) {
                const from = renderValue(secret.ValueFrom as never);
                if (secret.Name === "TWILIO_PROXY_PASS") {
                    expect(from).toBe(`${s().settings.twilioProxy.secretArn}:AUTH_PASSWORD::`);
                } else {
                    expect(from).toBe(`${lpSecret}:${secret.Name}::`);
                }
            }
            const env = envOf(c);
            expect(env).toMatchObject({
                PORT: "9080",
                TABLE_PREFIX: s().settings.tablePrefix,
                PUBLIC_RESTATE_INGRESS_URL: `https://restate.${s().settings.dns.domain}`,
                TWILIO_PROXY_USER: s().settings.twilioProxy.authUsername,
            });
        });

        it("gives the service every setting its config requires, with valid values (extra old names are ignored)", () => {
            expect(leadProcessorStartupProblems(startupEnvironment(lpContainer()))).toEqual([]);
            // The check can fail: without the secret's keys the service reports them missing.
            const secrets = new Set(secretNames(lpContainer()));
            const plainOnly = Object.entries(startupEnvironment(lpContainer())).filter(([name]) => !secrets.has(name));
            const withoutSecrets = leadProcessorStartupProblems(Object.fromEntries(plainOnly));
            expect(withoutSecrets).toEqual(expect.arrayContaining(["TWILIO_AUTH_TOKEN: is required but not set"]));
        });

        it("logs at the environment's levels: development everything, production info with the SDK core at warn", () => {
            const env = envOf(lpContainer());
            expect({ LOG_LEVEL: env.LOG_LEVEL, RESTATE_LOGGING: env.RESTATE_LOGGING }).toEqual(
                envName === "production"
                    ? { LOG_LEVEL: "info", RESTATE_LOGGING: "warn" }
                    : { LOG_LEVEL: "debug", RESTATE_LOGGING: "info" },
            );
        });

        it("sets DEPLOYMENT_ENV, the retention and the old system's conversation timers for the environment", () => {
            const env = envOf(lpContainer());
            expect(env.DEPLOYMENT_ENV).toBe(envName);
            expect(env.LEAD_RETENTION).toBe("P365D");
            if (envName === "production") {
                expect(env).toMatchObject({
                    TWILIO_CONVERSATION_INACTIVE_TIMER: "P7D",
                    TWILIO_CONVERSATION_CLOSED_TIMER: "P30D",
                });
            } else {
                expect(env).not.toHaveProperty("TWILIO_CONVERSATION_INACTIVE_TIMER");
                expect(env.TWILIO_CONVERSATION_CLOSED_TIMER).toBe("P1D");
            }
        });

        it("may only Get/Put/Update/Delete/Scan/Query its three tables", () => {
            const t = s().templates.service;
            const names = Object.values(tableNames(s().settings.tablePrefix));
            t.hasResourceProperties("AWS::IAM::Policy", {
                PolicyDocument: {
                    Statement: [
                        {
                            Sid: "LeadProcessorTables",
                            Effect: "Allow",
                            Action: TABLE_ACTIONS,
                            Resource: names.map((name) =>
                                Match.objectLike({
                                    "Fn::Join": [
                                        "",
                                        Match.arrayWith([`:dynamodb:us-east-1:123456789012:table/${name}`]),
                                    ],
                                }),
                            ),
                        },
                    ],
                },
            });
        });

        it("scales between the configured bounds", () => {
            const { minTasks, maxTasks } = s().settings.leadProcessor.scaling;
            s().templates.service.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", {
                MinCapacity: minTasks,
                MaxCapacity: maxTasks,
                ScalableDimension: "ecs:service:DesiredCount",
            });
            s().templates.service.hasResourceProperties("AWS::ECS::Service", { DesiredCount: minTasks });
        });

        it("gives the release its own Cloud Map name and keeps service, task definition and name on removal", () => {
            const t = s().templates.service;
            const releaseId = s().stacks.service.releaseId;
            expect(releaseId).toMatch(/^[0-9a-f]{12}$/);
            t.hasResource("AWS::ServiceDiscovery::Service", {
                DeletionPolicy: "Retain",
                Properties: Match.objectLike({
                    Name: `r-${releaseId}`,
                    DnsConfig: Match.objectLike({ DnsRecords: [{ TTL: 10, Type: "A" }] }),
                }),
            });
            t.hasResource("AWS::ECS::Service", {
                DeletionPolicy: "Retain",
                Properties: Match.objectLike({
                    ServiceRegistries: [{ RegistryArn: { "Fn::GetAtt": [Match.anyValue(), "Arn"] } }],
                    Tags: Match.arrayWith([{ Key: "lead-processor:release", Value: releaseId }]),
                }),
            });
            t.hasResource("AWS::ECS::TaskDefinition", { DeletionPolicy: "Retain" });
            // Restate reaches the tasks directly over h2c; the port is open to the Restate task only.
            const lpIngress = ingressRules(s().json.service).filter((r) => r.port === 9080);
            expect(lpIngress).toHaveLength(1);
            expect(lpIngress[0]?.cidr).toBeUndefined();
        });

        it("registers the release with the Restate admin API once, with the release id as physical id", () => {
            const json = s().json.service;
            const releaseId = s().stacks.service.releaseId;
            const registrations = resourcesOfType(json, "Custom::RestateDeployment");
            expect(registrations).toHaveLength(1);
            const [, registration] = registrations[0] ?? [];
            expect(registration?.Properties).toMatchObject({
                ReleaseId: releaseId,
                DeploymentUri: `http://${releaseHost(envName, releaseId)}:9080/`,
                UseHttp11: "false",
            });
            expect(renderValue(registration?.Properties?.AdminUrl as never)).toMatch(
                /^http:\/\/<import LeadProcessor-RestateServer-.*InternalLoadBalancer.*DNSName.*>:9070$/,
            );
            const [serviceId] = resourcesOfType(json, "AWS::ECS::Service")[0] ?? [];
            expect(registration?.DependsOn).toEqual(expect.arrayContaining([serviceId]));

            s().templates.service.hasResourceProperties("AWS::Lambda::Function", {
                Runtime: "nodejs24.x",
                Handler: "index.handler",
                Environment: {
                    Variables: Match.objectLike({
                        CURRENT_RELEASE_ID: releaseId,
                        RETAINED_RELEASES: String(s().settings.leadProcessor.retainedReleases),
                        NAMESPACE: `${envName}.lead-processor.internal`,
                    }),
                },
                VpcConfig: Match.anyValue(),
            });
            s().templates.service.hasResourceProperties("AWS::Events::Rule", {
                ScheduleExpression: "rate(6 hours)",
                Targets: [Match.objectLike({ Input: JSON.stringify({ action: "prune" }) })],
            });
        });

        it("bundles a registrar that loads on Node", () => {
            const files = Object.values(assetManifest(s(), s().stacks.service.stackName).files);
            const bundles = files.filter((f) =>
                existsSync(path.join(s().assembly.directory, f.source.path, "index.mjs")),
            );
            expect(bundles).toHaveLength(1);
            const file = path.join(s().assembly.directory, bundles[0]?.source.path ?? "", "index.mjs");
            expect(existsSync(file)).toBe(true);
            const node = Bun.which("node") ?? "node";
            const probe = spawnSync(
                node,
                [
                    "--input-type=module",
                    "-e",
                    `import(${JSON.stringify(file)}).then((m) => console.log(typeof m.handler))`,
                ],
                {
                    encoding: "utf8",
                },
            );
            expect(probe.stderr).toBe("");
            expect(probe.stdout.trim()).toBe("function");
        });
    });

    describe("twilio proxy", () => {
        const proxyContainer = () => container(s().json.twilioProxy, "twilio-proxy");

        it("builds its image from the root Dockerfile with MODULE=twilio_proxy, PORT=3000", () => {
            expectServiceImage(s(), "twilioProxy", "twilio_proxy");
        });

        it("sits behind an internal load balancer with a /health check on port 3000", () => {
            const t = s().templates.twilioProxy;
            t.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", { Scheme: "internal" });
            t.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", { Port: 80, Protocol: "HTTP" });
            t.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", {
                Port: 3000,
                HealthCheckPath: "/health",
            });
            const { minTasks, maxTasks } = s().settings.twilioProxy.scaling;
            t.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", {
                MinCapacity: minTasks,
                MaxCapacity: maxTasks,
            });
            // Reachable from the lead processor's security group (rule lives in the service stack).
            const fromLp = resourcesOfType(s().json.service, "AWS::EC2::SecurityGroupIngress").filter(
                ([, r]) => r.Properties?.FromPort === 80,
            );
            expect(fromLp).toHaveLength(1);
            expect(renderValue(fromLp[0]?.[1].Properties?.GroupId as never)).toContain("LoadBalancerSecurityGroup");
        });

        it("receives the Twilio token and basic-auth password as ECS secrets", () => {
            const c = proxyContainer();
            expect(secretNames(c)).toEqual([...TWILIO_PROXY_SECRET_KEYS].sort());
            for (const secret of c.Secrets ?? []) {
                expect(renderValue(secret.ValueFrom as never)).toBe(
                    `${s().settings.twilioProxy.secretArn}:${secret.Name}::`,
                );
            }
            expect(envOf(c)).toMatchObject({
                PORT: "3000",
                TWILIO_ACCOUNT_SID: s().settings.twilioProxy.twilioAccountSid,
                TWILIO_MESSAGING_SERVICE_SID: s().settings.twilioProxy.messagingServiceSid,
                AUTH_USERNAME: s().settings.twilioProxy.authUsername,
                POOL_REFRESH_SECONDS: String(s().settings.twilioProxy.poolRefreshSeconds),
            });
            expect(() => loadConfig("twilio-proxy", ProxyConfig, startupEnvironment(c))).not.toThrow();
        });
    });

    describe("every template", () => {
        it("holds no credential in any container or Lambda environment", () => {
            const credentialValue = /^(?!(AC|MG)[0-9a-f]{32}$)[A-Za-z0-9+/=_-]{32,}$/;
            for (const [stackName, template] of allTemplates(s())) {
                const environments: [string, Record<string, unknown>][] = containers(template).map((c) => [
                    `${stackName}/${c.Name}`,
                    envOf(c),
                ]);
                for (const [id, fn] of resourcesOfType(template, "AWS::Lambda::Function")) {
                    const vars = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
                        ?.Variables;
                    environments.push([`${stackName}/${id}`, vars ?? {}]);
                }
                for (const [where, env] of environments) {
                    for (const [name, value] of Object.entries(env)) {
                        expect(SECRET_LIKE_NAME.test(name), `${where}: ${name} is a credential in plain env`).toBe(
                            false,
                        );
                        if (typeof value === "string") {
                            expect(credentialValue.test(value), `${where}: ${name} looks like a secret value`).toBe(
                                false,
                            );
                        }
                    }
                }
            }
        });

        it("grants DynamoDB actions only on the three tables, never dynamodb:* or Resource *", () => {
            const names = tableNames(s().settings.tablePrefix);
            const tableArnSuffixes = Object.values(names).map((n) => `:table/${n}`);
            let dynamoStatements = 0;
            for (const [, template] of allTemplates(s())) {
                for (const [, policy] of resourcesOfType(template, "AWS::IAM::Policy")) {
                    const doc = policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] };
                    for (const statement of doc.Statement) {
                        const actions = [statement.Action].flat() as string[];
                        if (!actions.some((a) => a.startsWith("dynamodb:"))) continue;
                        dynamoStatements += 1;
                        expect(actions).not.toContain("dynamodb:*");
                        const resources = [statement.Resource].flat().map((r) => renderValue(r as never));
                        expect(resources).not.toContain("*");
                        if (actions.join() === "dynamodb:UpdateTimeToLive") {
                            // The data stack's switch that turns on an adopted LeadStates table's TTL.
                            expect(resources).toHaveLength(1);
                            expect(resources[0]?.endsWith(`:table/${names.leadStates}`)).toBe(true);
                            continue;
                        }
                        expect(resources).toHaveLength(3);
                        for (const r of resources)
                            expect(tableArnSuffixes.some((suffix) => r.endsWith(suffix))).toBe(true);
                    }
                }
            }
            // The service's grant, and the TTL switch of the adopted tables.
            expect(dynamoStatements).toBe(s().settings.tables === "adopt" ? 2 : 1);
        });

        it("pins every registry image to a version", () => {
            for (const [, template] of allTemplates(s())) {
                for (const c of containers(template)) {
                    if (typeof c.Image === "string") expect(c.Image).toMatch(/:(v?\d+\.\d+\.\d+)$/);
                }
            }
        });
    });
});

describe("a new environment (tables created)", () => {
    it("defines the three tables with PITR, on-demand billing, deletion protection and RETAIN", () => {
        const t = variant.templates.data;
        t.resourceCountIs("AWS::DynamoDB::Table", 3);
        const names = tableNames(variant.settings.tablePrefix);
        expect(names.leadStates).toBe("DEV_Web2Text_LeadStates");
        for (const key of Object.keys(names) as (keyof typeof names)[]) {
            t.hasResource("AWS::DynamoDB::Table", {
                DeletionPolicy: "Retain",
                UpdateReplacePolicy: "Retain",
                Properties: {
                    TableName: names[key],
                    BillingMode: "PAY_PER_REQUEST",
                    KeySchema: [{ AttributeName: TABLE_KEYS[key], KeyType: "HASH" }],
                    AttributeDefinitions: [{ AttributeName: TABLE_KEYS[key], AttributeType: "S" }],
                    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
                    DeletionProtectionEnabled: true,
                    TimeToLiveSpecification:
                        key === "leadStates" ? { AttributeName: "ExpiresAt", Enabled: true } : Match.absent(),
                },
            });
        }
        expect(resourcesOfType(variant.json.data, "Custom::AWS")).toEqual([]);
    });

    it("grants the lead processor exactly what an adopting environment grants", () => {
        const tablePolicy = (s: Synthesized) =>
            resourcesOfType(s.json.service, "AWS::IAM::Policy")
                .map(([, policy]) => policy.Properties?.PolicyDocument)
                .find((doc) => JSON.stringify(doc).includes("LeadProcessorTables"));
        expect(tablePolicy(variant)).toBeDefined();
        expect(tablePolicy(variant)).toEqual(tablePolicy(synthesized.development));
    });
});

describe("an environment that names a secret for INTERNAL_API_TOKEN", () => {
    it("injects the token from that secret's key, beside the old secret's keys", () => {
        const c = container(variant.json.service, "lead-processor");
        expect(secretNames(c)).toEqual(
            [...LEAD_PROCESSOR_SECRET_KEYS, "INTERNAL_API_TOKEN", "TWILIO_PROXY_PASS"].sort(),
        );
        const token = (c.Secrets ?? []).find((secret) => secret.Name === "INTERNAL_API_TOKEN");
        expect(renderValue(token?.ValueFrom as never)).toBe(
            `${variant.settings.leadProcessor.secretArn}:INTERNAL_API_TOKEN::`,
        );
        expect(envOf(c)).not.toHaveProperty("INTERNAL_API_TOKEN");
    });
});

describe("a new release", () => {
    it("adds a new service and Cloud Map name and moves the same registration resource to the new release id", () => {
        const before = synthesized.development;
        const after = rotated;
        expect(after.stacks.service.releaseId).toBe("next-release");
        const ids = (s: Synthesized, type: string) => resourcesOfType(s.json.service, type).map(([id]) => id);
        // New logical ids: CloudFormation creates the new service and leaves the old one (RETAIN) running.
        expect(ids(after, "AWS::ECS::Service")).not.toEqual(ids(before, "AWS::ECS::Service"));
        expect(ids(after, "AWS::ServiceDiscovery::Service")).not.toEqual(ids(before, "AWS::ServiceDiscovery::Service"));
        // Same registration resource, new ReleaseId: one Update (→ new physical id), then a no-op Delete of the old.
        expect(ids(after, "Custom::RestateDeployment")).toEqual(ids(before, "Custom::RestateDeployment"));
        const [, registration] = resourcesOfType(after.json.service, "Custom::RestateDeployment")[0] ?? [];
        expect(registration?.Properties).toMatchObject({
            ReleaseId: "next-release",
            DeploymentUri: "http://r-next-release.development.lead-processor.internal:9080/",
        });
        // The shared parts keep their logical ids.
        expect(ids(after, "AWS::IAM::Role")).toEqual(ids(before, "AWS::IAM::Role"));
        expect(ids(after, "AWS::EC2::SecurityGroup")).toEqual(ids(before, "AWS::EC2::SecurityGroup"));
    });
});

describe("dry-run plan", () => {
    it("summarises resources, images, secrets and the registration of a synthesised stack", () => {
        const s = synthesized.development;
        const plan = planStack(s.assembly.directory, s.stacks.service.stackName);
        expect(plan.resourceCount).toBe(Object.keys(s.json.service.Resources).length);
        expect(plan.resourcesByType).toEqual(expect.arrayContaining([["Custom::RestateDeployment", 1]]));
        // The release's container and the scheduled health report run the same image.
        expect(plan.images).toEqual([
            expect.stringContaining("health: Dockerfile MODULE=lead_processor PORT=9080 (built at deploy"),
            expect.stringContaining("lead-processor: Dockerfile MODULE=lead_processor PORT=9080 (built at deploy"),
        ]);
        expect(plan.secrets).toContain(`TWILIO_AUTH_TOKEN ← ${s.settings.leadProcessor.secretArn}:TWILIO_AUTH_TOKEN::`);
        expect(plan.registration?.releaseId).toBe(s.stacks.service.releaseId);
        expect(plan.retained).toBe(3);
        const text = formatPlan("header", [plan]);
        expect(text).toContain(`${s.stacks.service.stackName}: ${plan.resourceCount} resources`);
        expect(text).toContain("restate registration: release");
    });
});
