/**
 * A local Restate cluster: three restate-server processes on loopback, each with its own ports and data folder,
 * forming one cluster on Restate's own clustering (restate-server 1.7): every node runs every role, the log is
 * the replicated loglet with each record on 2 of the 3 nodes, metadata lives on the built-in Raft servers of all
 * three, and the first node provisions the cluster. See `../shared/reference/restate-notes.md` §10.
 */
import { z } from "zod";
import type { RestatePorts } from "./restate-server";
import { httpOk, waitUntil } from "./wait";

/** How many restate-server processes a stack runs: one (the default) or a three-node cluster. */
export type RestateNodeCount = 1 | 3;

/** Copies of every log record and partition state: 2 of 3 nodes, so the cluster survives losing one node. */
export const CLUSTER_REPLICATION = 2;

export const CLUSTER_NAME = "lead-processor-local";

/** Where one restate-server node answers. */
export interface RestateNodeUrls {
    ingress: string;
    admin: string;
    /** The node's fabric port (metrics, `restatectl --address`, metadata and log replication between nodes). */
    node: string;
}

export function restateNodeUrls(ports: RestatePorts): RestateNodeUrls {
    const host = "http://127.0.0.1";
    return { ingress: `${host}:${ports.ingress}`, admin: `${host}:${ports.admin}`, node: `${host}:${ports.node}` };
}

/** Node names as Restate shows them (`restatectl nodes`, logs): n1, n2, n3. */
export const restateNodeName = (index: number) => `n${index + 1}`;

/**
 * The settings that make node `index` of `all` a member of the cluster (applied over the single-node settings
 * of `restateServerEnv`): its own name, the shared cluster name, provisioning by the first node only,
 * replication 2 on the replicated loglet, and every node's fabric address for the metadata client.
 */
export function clusterNodeEnv(index: number, all: readonly RestatePorts[]): Record<string, string> {
    return {
        RESTATE_NODE_NAME: restateNodeName(index),
        RESTATE_CLUSTER_NAME: CLUSTER_NAME,
        RESTATE_AUTO_PROVISION: index === 0 ? "true" : "false",
        RESTATE_DEFAULT_REPLICATION: String(CLUSTER_REPLICATION),
        RESTATE_BIFROST__DEFAULT_PROVIDER: "replicated",
        RESTATE_METADATA_CLIENT__ADDRESSES: JSON.stringify(all.map((p) => `http://127.0.0.1:${p.node}/`)),
    };
}

const ClusterHealth = z.object({
    cluster_name: z.string(),
    metadata_cluster_health: z.object({ members: z.array(z.number()) }).nullish(),
});

/** The node ids the admin API at `adminUrl` reports as members of the metadata (Raft) cluster. */
export async function metadataMembers(adminUrl: string): Promise<number[]> {
    const res = await fetch(`${adminUrl}/cluster-health`, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) throw new Error(`${adminUrl}/cluster-health: HTTP ${res.status}`);
    return ClusterHealth.parse(await res.json()).metadata_cluster_health?.members ?? [];
}

/** True when the admin API at `adminUrl` answers SQL over every partition (each has a leader somewhere). */
export async function partitionsAnswer(adminUrl: string): Promise<boolean> {
    const res = await fetch(`${adminUrl}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: "SELECT count(1) FROM sys_invocation" }),
        signal: AbortSignal.timeout(5_000),
    });
    await res.body?.cancel();
    return res.ok;
}

/**
 * True when the cluster is healthy as seen from `node`: it answers admin and ingress health, answers SQL over
 * every partition, and sees `expectedMembers` metadata members.
 */
export async function nodeSeesHealthyCluster(node: RestateNodeUrls, expectedMembers: number): Promise<boolean> {
    return (
        (await httpOk(`${node.admin}/health`)) &&
        (await httpOk(`${node.ingress}/restate/health`)) &&
        (await partitionsAnswer(node.admin)) &&
        (await metadataMembers(node.admin)).length >= expectedMembers
    );
}

/** Polls until `probe` holds for every node in `nodes`; the error names `what`. */
function waitForEveryNode(
    nodes: readonly RestateNodeUrls[],
    what: string,
    probe: (node: RestateNodeUrls) => Promise<boolean>,
    timeoutMs: number,
): Promise<void> {
    return waitUntil(
        what,
        async () => {
            for (const node of nodes) if (!(await probe(node))) return false;
            return true;
        },
        timeoutMs,
        200,
    );
}

/**
 * Waits until every node sees a healthy cluster (`nodeSeesHealthyCluster`): what a start waits for, and what a
 * rolling restart waits for before it takes the next node down.
 */
export function waitForClusterHealth(
    nodes: readonly RestateNodeUrls[],
    expectedMembers: number,
    timeoutMs = 90_000,
): Promise<void> {
    return waitForEveryNode(
        nodes,
        `a healthy ${nodes.length}-node Restate cluster`,
        (node) => nodeSeesHealthyCluster(node, expectedMembers),
        timeoutMs,
    );
}

/**
 * Waits until the ingress of every node knows `service` (the schema registered through one node's admin API
 * reaches the others through the metadata store): a call to a handler the service does not have is refused by
 * the ingress as such, which it can only say once it knows the service. Nothing is invoked.
 */
export function waitForServiceEverywhere(
    nodes: readonly RestateNodeUrls[],
    service: string,
    timeoutMs = 60_000,
): Promise<void> {
    return waitForEveryNode(
        nodes,
        `every node's ingress to know ${service}`,
        (node) => ingressKnows(node.ingress, service),
        timeoutMs,
    );
}

const PROBE_HANDLER = "__readiness_probe_no_such_handler";

async function ingressKnows(ingressUrl: string, service: string): Promise<boolean> {
    const res = await fetch(`${ingressUrl}/${service}/probe/${PROBE_HANDLER}`, {
        method: "POST",
        signal: AbortSignal.timeout(2_000),
    });
    const text = await res.text();
    // "the service 'Lead' exists, but the handler '…' was not found" (an unknown service: "service '…' not found").
    return res.status === 404 && text.includes(`'${service}' exists`);
}
