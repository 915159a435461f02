import { describe, expect, it } from "vitest";
import { CLUSTER_REPLICATION, clusterNodeEnv, DEV_STACK_SETTINGS, restateNodeUrls, restateServerEnv } from "../src";

const n1 = { ingress: 18080, admin: 19070, node: 15122 };
const n2 = { ingress: 18081, admin: 19071, node: 15123 };
const n3 = { ingress: 18082, admin: 19072, node: 15124 };
const nodes = [n1, n2, n3];

describe("the local Restate cluster's node settings", () => {
    it("gives each node its own name, one provisioning node, replication 2 and every node's fabric address", () => {
        const envs = nodes.map((_, i) => clusterNodeEnv(i, nodes));
        expect(envs.map((e) => e.RESTATE_NODE_NAME)).toEqual(["n1", "n2", "n3"]);
        expect(envs.map((e) => e.RESTATE_AUTO_PROVISION)).toEqual(["true", "false", "false"]);
        expect(new Set(envs.map((e) => e.RESTATE_CLUSTER_NAME)).size).toBe(1);
        for (const env of envs) {
            expect(env).toMatchObject({
                RESTATE_DEFAULT_REPLICATION: String(CLUSTER_REPLICATION),
                RESTATE_BIFROST__DEFAULT_PROVIDER: "replicated",
            });
            expect(JSON.parse(env.RESTATE_METADATA_CLIENT__ADDRESSES ?? "[]")).toEqual([
                "http://127.0.0.1:15122/",
                "http://127.0.0.1:15123/",
                "http://127.0.0.1:15124/",
            ]);
        }
        expect(CLUSTER_REPLICATION).toBe(2);
    });

    it("sizes every node as the single node is sized and binds each to its own loopback ports", () => {
        const env = restateServerEnv("/data/n2", n2, DEV_STACK_SETTINGS.restate, clusterNodeEnv(1, nodes));
        expect(env).toMatchObject({
            RESTATE_DEFAULT_NUM_PARTITIONS: "4",
            RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "32",
            RESTATE_INGRESS__BIND_ADDRESS: "127.0.0.1:18081",
            RESTATE_ADMIN__BIND_ADDRESS: "127.0.0.1:19071",
            RESTATE_BIND_ADDRESS: "127.0.0.1:15123",
            RESTATE_ADVERTISED_ADDRESS: "http://127.0.0.1:15123/",
            RESTATE_NODE_NAME: "n2",
        });
        expect(restateNodeUrls(n3)).toEqual({
            ingress: "http://127.0.0.1:18082",
            admin: "http://127.0.0.1:19072",
            node: "http://127.0.0.1:15124",
        });
    });
});
