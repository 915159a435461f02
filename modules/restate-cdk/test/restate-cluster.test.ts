import { rmSync } from "node:fs";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPlan, planStack, renderValue } from "../lib/plan";
import {
    clusterNodeEnvironment,
    clusterReplication,
    RESTATE_CLUSTER_ENV_NAMES,
    restateNodes,
} from "../lib/restate-cluster-nodes";
import { type ContainerDefinition, resourcesOfType, type Synthesized, synthesize } from "./support/synth";

/** Production as committed (cluster of three), and production switched back to a single node. */
let cluster: Synthesized;
let single: Synthesized;

beforeAll(() => {
    cluster = synthesize("production");
    single = synthesize("production", {}, (settings) => {
        settings.restate.mode = "single";
        delete settings.restate.nodes;
    });
});

afterAll(() => {
    for (const s of [cluster, single]) rmSync(s.assembly.directory, { recursive: true, force: true });
});

const NAMESPACE = "production.lead-processor.internal";
const ADDRESSES = [1, 2, 3].map((n) => `http://restate-node-${n}.${NAMESPACE}:5122/`);
/** Logical ids of the single node's stateful resources; node 1 of a cluster must keep them (same data). */
const SINGLE_NODE_IDS = {
    service: "ServerServiceDC94C6DC",
    task: "ServerTask9143E76A",
    fileSystem: "DataFileSystemDBE65FE2",
    logGroup: "ServerLogs243D88B8",
};

const restateJson = (s: Synthesized) => s.json.restateServer;
const ofType = (s: Synthesized, type: string) => resourcesOfType(restateJson(s), type);
const ids = (s: Synthesized, type: string) => ofType(s, type).map(([id]) => id);

/** Each node's task definition, in node order (node 1 first), with its restate container's environment. */
function nodeTasks(s: Synthesized) {
    return ofType(s, "AWS::ECS::TaskDefinition")
        .map(([id, r]) => {
            const containers = (r.Properties?.ContainerDefinitions ?? []) as ContainerDefinition[];
            const restate = containers.find((c) => c.Name === "restate");
            const env = Object.fromEntries((restate?.Environment ?? []).map((e) => [e.Name, e.Value]));
            return { id, family: String(r.Properties?.Family), properties: r.Properties ?? {}, env, restate };
        })
        .sort((a, b) => a.family.localeCompare(b.family));
}

/** The statements of the policy attached to a task definition's task role. */
function taskRoleStatements(s: Synthesized, taskId: string): Record<string, unknown>[] {
    const task = restateJson(s).Resources[taskId];
    const roleId = renderValue(task?.Properties?.TaskRoleArn as never).replace(/^<|\.Arn>$/g, "");
    return ofType(s, "AWS::IAM::Policy")
        .filter(([, p]) =>
            ((p.Properties?.Roles ?? []) as unknown[]).some((r) => renderValue(r as never) === `<${roleId}>`),
        )
        .flatMap(
            ([, p]) =>
                ((p.Properties?.PolicyDocument ?? { Statement: [] }) as { Statement: Record<string, unknown>[] })
                    .Statement,
        );
}

describe("cluster nodes (pure)", () => {
    it("names three nodes, node 1 with the single node's name, each at its Cloud Map name's fabric port", () => {
        expect(restateNodes("production", 3).map((n) => [n.name, n.advertisedAddress])).toEqual([
            ["restate-production", ADDRESSES[0]],
            ["restate-production-2", ADDRESSES[1]],
            ["restate-production-3", ADDRESSES[2]],
        ]);
    });

    it("replicates to a majority: 2 of 3 (one node may be lost), 3 of 5", () => {
        expect([1, 3, 5, 7].map(clusterReplication)).toEqual([1, 2, 3, 4]);
    });

    it("provisions on node 1 only and gives every node all the metadata addresses", () => {
        const nodes = restateNodes("production", 3);
        const envs = nodes.map((node) =>
            clusterNodeEnvironment({ env: "production", nodes, node, snapshotDestination: "s3://b/p" }),
        );
        expect(envs.map((e) => e.RESTATE_AUTO_PROVISION)).toEqual(["true", "false", "false"]);
        for (const env of envs) {
            expect(JSON.parse(env.RESTATE_METADATA_CLIENT__ADDRESSES ?? "")).toEqual(ADDRESSES);
            expect(Object.keys(env).sort()).toEqual([...RESTATE_CLUSTER_ENV_NAMES].sort());
        }
    });
});

describe("production: a Restate cluster of three nodes", () => {
    it("runs each node as its own ECS service of one task: min 0 % / max 100 %, circuit breaker, no autoscaling", () => {
        const t = cluster.templates.restateServer;
        t.resourceCountIs("AWS::ECS::Service", 3);
        t.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
        for (const [, service] of ofType(cluster, "AWS::ECS::Service")) {
            expect(service.Properties).toMatchObject({
                DesiredCount: 1,
                LaunchType: "FARGATE",
                DeploymentConfiguration: expect.objectContaining({
                    MinimumHealthyPercent: 0,
                    MaximumPercent: 100,
                    DeploymentCircuitBreaker: { Enable: true, Rollback: true },
                }),
            });
        }
        expect(nodeTasks(cluster).map((task) => task.family)).toEqual([
            "restate-server-production",
            "restate-server-production-2",
            "restate-server-production-3",
        ]);
    });

    it("replaces one node at a time: each node's service waits for the previous node's service", () => {
        const services = ofType(cluster, "AWS::ECS::Service");
        const byTask = new Map(services.map(([id, r]) => [renderValue(r.Properties?.TaskDefinition as never), id]));
        const [n1, n2, n3] = nodeTasks(cluster).map((task) => byTask.get(`<${task.id}>`) ?? "");
        const dependsOn = (id: string) => (restateJson(cluster).Resources[id]?.DependsOn ?? []) as string[];
        const serviceDeps = (id: string) => dependsOn(id).filter((dep) => services.some(([s]) => s === dep));
        expect([n1, n2, n3].map((id) => serviceDeps(id ?? ""))).toEqual([[], [n1], [n2]]);

        const plan = planStack(cluster.assembly.directory, cluster.stacks.restateServer.stackName);
        expect(plan.oneAtATime).toBe(true);
        expect(plan.services.map((s) => [s.name, s.dnsName, s.after])).toEqual([
            ["restate-server-production", "restate-node-1", []],
            ["restate-server-production-2", "restate-node-2", ["restate-server-production"]],
            ["restate-server-production-3", "restate-node-3", ["restate-server-production-2"]],
        ]);
        expect(formatPlan("plan", [plan])).toContain("deployment: one service at a time, in this order");
    });

    it("gives each node its own encrypted, retained EFS file system, granted to that node's task role only", () => {
        const t = cluster.templates.restateServer;
        t.resourceCountIs("AWS::EFS::FileSystem", 3);
        const fileSystems = ids(cluster, "AWS::EFS::FileSystem");
        for (const id of fileSystems) {
            expect(restateJson(cluster).Resources[id]).toMatchObject({
                DeletionPolicy: "Retain",
                Properties: expect.objectContaining({ Encrypted: true, BackupPolicy: { Status: "ENABLED" } }),
            });
        }
        const mounted = nodeTasks(cluster).map((task) => {
            const volumes = task.properties.Volumes as { EFSVolumeConfiguration: { FilesystemId: unknown } }[];
            expect(volumes).toHaveLength(1);
            const fileSystem = renderValue(volumes[0]?.EFSVolumeConfiguration.FilesystemId as never);
            const efsGrants = taskRoleStatements(cluster, task.id).filter((st) =>
                [st.Action].flat().some((a) => String(a).startsWith("elasticfilesystem:")),
            );
            expect(efsGrants.map((st) => renderValue(st.Resource as never))).toEqual([
                `<${fileSystem.replace(/^<|>$/g, "")}.Arn>`,
            ]);
            return fileSystem;
        });
        expect(new Set(mounted).size).toBe(3);
        // Node 1 keeps the single node's file system.
        expect(mounted[0]).toBe(`<${SINGLE_NODE_IDS.fileSystem}>`);
    });

    it("joins the nodes into one cluster through environment settings: names, addresses, provisioning, replication", () => {
        const tasks = nodeTasks(cluster);
        expect(tasks.map((task) => task.env.RESTATE_NODE_NAME)).toEqual([
            "restate-production",
            "restate-production-2",
            "restate-production-3",
        ]);
        expect(tasks.map((task) => task.env.RESTATE_ADVERTISED_ADDRESS)).toEqual(ADDRESSES);
        expect(tasks.map((task) => task.env.RESTATE_AUTO_PROVISION)).toEqual(["true", "false", "false"]);
        for (const task of tasks) {
            expect(task.env).toMatchObject({
                RESTATE_CLUSTER_NAME: "lead-processor-production",
                RESTATE_DEFAULT_REPLICATION: "2",
                RESTATE_BIFROST__DEFAULT_PROVIDER: "replicated",
                RESTATE_BASE_DIR: "/restate-data",
                AWS_REGION: "us-east-1",
            });
            expect(JSON.parse(String(task.env.RESTATE_METADATA_CLIENT__ADDRESSES))).toEqual(ADDRESSES);
            expect(task.restate?.PortMappings?.map((p) => p.ContainerPort)).toEqual([8080, 9070, 5122]);
        }
    });

    it("registers each node's internal DNS name (A record) in the environment's namespace", () => {
        const names = ofType(cluster, "AWS::ServiceDiscovery::Service").map(([, r]) => r.Properties);
        expect(names.map((p) => p?.Name).sort()).toEqual(["restate-node-1", "restate-node-2", "restate-node-3"]);
        for (const p of names) {
            expect(p?.DnsConfig).toMatchObject({ DnsRecords: [{ TTL: 10, Type: "A" }] });
            expect(renderValue(p?.NamespaceId as never)).toMatch(
                /^<import LeadProcessor-Network-Production:.*Namespace/,
            );
        }
        for (const [, service] of ofType(cluster, "AWS::ECS::Service")) {
            expect(service.Properties?.ServiceRegistries).toEqual([
                { RegistryArn: { "Fn::GetAtt": [expect.stringContaining("CloudmapService"), "Arn"] } },
            ]);
        }
    });

    it("opens the fabric port 5122 only between the nodes' tasks and to the VPN ranges (restatectl)", () => {
        const fabric = ofType(cluster, "AWS::EC2::SecurityGroupIngress").filter(
            ([, r]) => r.Properties?.FromPort === 5122,
        );
        expect(fabric).toHaveLength(1);
        const rule = fabric[0]?.[1].Properties ?? {};
        expect(renderValue(rule.GroupId as never)).toBe("<TaskSecurityGroup2D2EA438.GroupId>");
        expect(renderValue(rule.SourceSecurityGroupId as never)).toBe("<TaskSecurityGroup2D2EA438.GroupId>");
        const inline = (restateJson(cluster).Resources.TaskSecurityGroup2D2EA438?.Properties?.SecurityGroupIngress ??
            []) as { FromPort: number; CidrIp: string }[];
        expect(inline.map((r) => [r.FromPort, r.CidrIp])).toEqual(
            cluster.settings.network.adminCidrs.map((cidr) => [5122, cidr]),
        );
    });

    it("puts every node behind the ingress (/restate/health) and admin (/health) target groups", () => {
        const targetGroups = ofType(cluster, "AWS::ElasticLoadBalancingV2::TargetGroup");
        expect(targetGroups.map(([, r]) => [r.Properties?.Port, r.Properties?.HealthCheckPath]).sort()).toEqual([
            [8080, "/restate/health"],
            [8080, "/restate/health"],
            [9070, "/health"],
        ]);
        const scheme = new Map(
            ofType(cluster, "AWS::ElasticLoadBalancingV2::LoadBalancer").map(([id, r]) => [id, r.Properties?.Scheme]),
        );
        const internalListeners = ofType(cluster, "AWS::ElasticLoadBalancingV2::Listener").filter(
            ([, r]) =>
                scheme.get(renderValue(r.Properties?.LoadBalancerArn as never).replace(/^<|>$/g, "")) === "internal",
        );
        expect(internalListeners.map(([, r]) => r.Properties?.Port).sort()).toEqual([8080, 9070]);
        for (const [, service] of ofType(cluster, "AWS::ECS::Service")) {
            const attached = (service.Properties?.LoadBalancers ?? []) as {
                TargetGroupArn: unknown;
                ContainerPort: number;
            }[];
            expect(attached.map((lb) => renderValue(lb.TargetGroupArn as never)).sort()).toEqual(
                targetGroups.map(([id]) => `<${id}>`).sort(),
            );
        }
    });

    it("snapshots partitions to a private, encrypted, retained bucket under the cluster's prefix", () => {
        const buckets = ofType(cluster, "AWS::S3::Bucket");
        expect(buckets).toHaveLength(1);
        const [bucketId, bucket] = buckets[0] ?? [];
        expect(bucket).toMatchObject({
            DeletionPolicy: "Retain",
            Properties: expect.objectContaining({
                BucketEncryption: {
                    ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
                },
                PublicAccessBlockConfiguration: {
                    BlockPublicAcls: true,
                    BlockPublicPolicy: true,
                    IgnorePublicAcls: true,
                    RestrictPublicBuckets: true,
                },
                VersioningConfiguration: { Status: "Enabled" },
            }),
        });
        cluster.templates.restateServer.hasResourceProperties("AWS::S3::BucketPolicy", {
            PolicyDocument: {
                Statement: Match.arrayWith([
                    Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
                ]),
            },
        });
        for (const task of nodeTasks(cluster)) {
            expect(renderValue(task.env.RESTATE_WORKER__SNAPSHOTS__DESTINATION as never)).toBe(
                `s3://<${bucketId}>/lead-processor-production`,
            );
        }
    });

    it("lets each node read, write and remove only snapshot objects under its cluster's prefix", () => {
        for (const task of nodeTasks(cluster)) {
            const s3 = taskRoleStatements(cluster, task.id).filter((st) =>
                [st.Action].flat().some((a) => String(a).startsWith("s3:")),
            );
            expect(s3.map((st) => [[st.Action].flat(), renderValue(st.Resource as never), st.Condition])).toEqual([
                [
                    ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
                    "<SnapshotsBucket4B2233F7.Arn>/lead-processor-production/*",
                    undefined,
                ],
                [
                    ["s3:ListBucket"],
                    "<SnapshotsBucket4B2233F7.Arn>",
                    { StringLike: { "s3:prefix": ["lead-processor-production", "lead-processor-production/*"] } },
                ],
            ]);
        }
    });

    it("keeps the single node's logical ids for node 1, so switching an environment to cluster keeps its data", () => {
        for (const [type, id] of [
            ["AWS::ECS::Service", SINGLE_NODE_IDS.service],
            ["AWS::ECS::TaskDefinition", SINGLE_NODE_IDS.task],
            ["AWS::EFS::FileSystem", SINGLE_NODE_IDS.fileSystem],
            ["AWS::Logs::LogGroup", SINGLE_NODE_IDS.logGroup],
        ] as const) {
            expect(ids(single, type)).toEqual([id]);
            expect(ids(cluster, type)).toContain(id);
        }
        // One log group for the cluster; each node writes its own streams.
        expect(ids(cluster, "AWS::Logs::LogGroup")).toHaveLength(1);
        expect(nodeTasks(cluster).map((t) => JSON.stringify(t.properties.ContainerDefinitions))).toEqual([
            expect.stringContaining('"awslogs-stream-prefix":"node-1"'),
            expect.stringContaining('"awslogs-stream-prefix":"node-2"'),
            expect.stringContaining('"awslogs-stream-prefix":"node-3"'),
        ]);
    });
});

describe("production switched back to single mode", () => {
    it("is the one-task server: one service, one file system, no bucket, no node names, no fabric rule", () => {
        const t = single.templates.restateServer;
        t.resourceCountIs("AWS::ECS::Service", 1);
        t.resourceCountIs("AWS::EFS::FileSystem", 1);
        t.resourceCountIs("AWS::S3::Bucket", 0);
        t.resourceCountIs("AWS::ServiceDiscovery::Service", 0);
        const [task] = nodeTasks(single);
        expect(task?.env.RESTATE_NODE_NAME).toBe("restate-production");
        const clusterOnly = RESTATE_CLUSTER_ENV_NAMES.filter(
            (name) => name !== "RESTATE_NODE_NAME" && name !== "RESTATE_CLUSTER_NAME",
        );
        for (const name of clusterOnly) expect(task?.env).not.toHaveProperty(name);
        const rules = ofType(single, "AWS::EC2::SecurityGroupIngress").map(([, r]) => r.Properties?.FromPort);
        expect(rules).not.toContain(5122);
        expect(restateJson(single).Resources.TaskSecurityGroup2D2EA438?.Properties).not.toHaveProperty(
            "SecurityGroupIngress",
        );
    });

    it("says in its plan that a change is a short outage, not a rolling replacement", () => {
        const plan = planStack(single.assembly.directory, single.stacks.restateServer.stackName);
        expect(plan.oneAtATime).toBe(false);
        expect(plan.services.map((s) => s.name)).toEqual(["restate-server-production"]);
        expect(formatPlan("plan", [plan])).toContain("one task: a change stops it before the new one starts");
    });
});
