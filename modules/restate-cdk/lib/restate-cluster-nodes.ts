/**
 * Who the nodes of an environment's Restate server are: their names, their fabric addresses and the settings
 * that join them into one cluster. Pure (no aws-cdk-lib import), so the settings validation, the stack and the
 * tests share one definition.
 */
import { type EnvironmentName, RESTATE_PORTS, serviceNamespace } from "./names";

/** `single`: one task owns all data (each server change is an outage); `cluster`: one ECS service per node. */
export const RESTATE_MODES = ["single", "cluster"] as const;
export type RestateMode = (typeof RESTATE_MODES)[number];

/** Restate's cluster name (`cluster-name`), the same in both modes so a single node can grow into a cluster. */
export function restateClusterName(env: EnvironmentName): string {
    return `lead-processor-${env}`;
}

export interface RestateNode {
    /** 1-based; node 1 is the one that provisions a new cluster. */
    index: number;
    /** `node-name`. Node 1 keeps the single-mode name so an existing single node becomes node 1 with its data. */
    name: string;
    /** Cloud Map service name of the node inside the environment's namespace. */
    cloudMapName: string;
    /** `advertised-address`: the node's fabric port under its internal DNS name. */
    advertisedAddress: string;
}

export function restateNodeName(env: EnvironmentName, index: number): string {
    return index === 1 ? `restate-${env}` : `restate-${env}-${index}`;
}

/** The nodes of a cluster of `count` nodes (one node in single mode). */
export function restateNodes(env: EnvironmentName, count: number): RestateNode[] {
    return Array.from({ length: count }, (_, i) => {
        const index = i + 1;
        const cloudMapName = `restate-node-${index}`;
        return {
            index,
            name: restateNodeName(env, index),
            cloudMapName,
            advertisedAddress: `http://${cloudMapName}.${serviceNamespace(env)}:${RESTATE_PORTS.node}/`,
        };
    });
}

/**
 * Copies of each log record and partition (`default-replication`): a majority of the nodes, so the cluster keeps
 * serving while a minority is lost (3 nodes → 2 copies, one node may be lost), as its Raft metadata does.
 */
export function clusterReplication(nodes: number): number {
    return Math.floor(nodes / 2) + 1;
}

/** How many records a partition processes between two snapshots (the value Restate's documentation uses). */
export const SNAPSHOT_INTERVAL_RECORDS = 10_000;

const CLUSTER_ENV = {
    nodeName: "RESTATE_NODE_NAME",
    clusterName: "RESTATE_CLUSTER_NAME",
    advertisedAddress: "RESTATE_ADVERTISED_ADDRESS",
    autoProvision: "RESTATE_AUTO_PROVISION",
    metadataAddresses: "RESTATE_METADATA_CLIENT__ADDRESSES",
    replication: "RESTATE_DEFAULT_REPLICATION",
    logProvider: "RESTATE_BIFROST__DEFAULT_PROVIDER",
    snapshotDestination: "RESTATE_WORKER__SNAPSHOTS__DESTINATION",
    snapshotInterval: "RESTATE_WORKER__SNAPSHOTS__SNAPSHOT_INTERVAL_NUM_RECORDS",
} as const;

/** The `RESTATE_*` names the stack sets from `restate.mode` / `restate.nodes`; `restate.environment` may not. */
export const RESTATE_CLUSTER_ENV_NAMES: readonly string[] = Object.values(CLUSTER_ENV);

export interface ClusterNodeEnvironmentInput {
    env: EnvironmentName;
    nodes: readonly RestateNode[];
    node: RestateNode;
    /** `s3://<bucket>/<prefix>` of the partition snapshots (may hold deploy-time tokens). */
    snapshotDestination: string;
}

/**
 * The settings that make one node a member of the cluster (names checked with `restate-server --dump-config`,
 * 1.7.12): its identity and address, every node's address for the metadata client, provisioning on node 1 only,
 * majority replication of a replicated log, and partition snapshots in S3.
 */
export function clusterNodeEnvironment(input: ClusterNodeEnvironmentInput): Record<string, string> {
    const { env, nodes, node } = input;
    return {
        [CLUSTER_ENV.nodeName]: node.name,
        [CLUSTER_ENV.clusterName]: restateClusterName(env),
        [CLUSTER_ENV.advertisedAddress]: node.advertisedAddress,
        // At most one node may provision; on an existing cluster provisioning is a no-op.
        [CLUSTER_ENV.autoProvision]: String(node.index === 1),
        [CLUSTER_ENV.metadataAddresses]: JSON.stringify(nodes.map((n) => n.advertisedAddress)),
        [CLUSTER_ENV.replication]: String(clusterReplication(nodes.length)),
        [CLUSTER_ENV.logProvider]: "replicated",
        [CLUSTER_ENV.snapshotDestination]: input.snapshotDestination,
        [CLUSTER_ENV.snapshotInterval]: String(SNAPSHOT_INTERVAL_RECORDS),
    };
}
