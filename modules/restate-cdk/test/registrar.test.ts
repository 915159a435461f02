import { describe, expect, it } from "vitest";
import { type Fetch, RestateAdmin, registerWithRetry } from "../lambda/restate-registrar/admin";
import { type Deps, run, type Settings } from "../lambda/restate-registrar/index";
import type { CloudMapService, InfraPort } from "../lambda/restate-registrar/infra";
import { type PruneFacts, planPrune, type ReleaseService, releaseIdFromUri } from "../lambda/restate-registrar/prune";

const NS = "development.lead-processor.internal";
const uri = (release: string) => `http://r-${release}.${NS}:9080/`;
const HOUR = 3_600_000;
const NOW = new Date("2026-11-28T12:00:00Z");

/** An in-memory Restate admin API: deployments, the latest deployment per service, pinned invocations. */
class FakeRestate {
    deployments: { id: string; uri: string }[] = [];
    latest = new Map<string, string>();
    pinned = new Map<string, number>();
    requests: { method: string; path: string; body?: unknown }[] = [];
    /** Registration attempts to fail with this status before accepting (Restate cannot reach the endpoint yet). */
    failRegistrations: number[] = [];
    conflict = false;

    readonly fetch: Fetch = async (input, init) => {
        const url = new URL(input);
        const method = init?.method ?? "GET";
        const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
        this.requests.push({ method, path: url.pathname + url.search, body });
        const json = (status: number, value: unknown) =>
            new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });

        if (method === "POST" && url.pathname === "/deployments") {
            const status = this.failRegistrations.shift();
            if (status) return json(status, { message: "Cannot reach the service endpoint" });
            if (this.conflict) return json(409, { message: "deployment already exists with different services" });
            const existing = this.deployments.find((d) => d.uri === body.uri);
            if (existing) return json(200, { id: existing.id, services: [] });
            const id = `dp_${this.deployments.length + 1}abc`;
            this.deployments.push({ id, uri: body.uri });
            this.latest.set("Lead", id);
            return json(201, { id, services: [{ name: "Lead" }] });
        }
        if (method === "GET" && url.pathname === "/deployments") {
            return json(200, {
                deployments: this.deployments.map((d, i) => ({ ...d, created_at: `2026-11-2${i}T00:00:00Z` })),
            });
        }
        if (method === "GET" && url.pathname === "/services") {
            return json(200, {
                services: [...this.latest.entries()].map(([name, id]) => ({ name, deployment_id: id, revision: 1 })),
            });
        }
        if (method === "POST" && url.pathname === "/query") {
            const id = /pinned_deployment_id = '([^']+)'/.exec(body.query)?.[1] ?? "";
            return json(200, { rows: [{ n: this.pinned.get(id) ?? 0 }] });
        }
        const deleted = /^\/deployments\/(dp_\w+)$/.exec(url.pathname);
        if (method === "DELETE" && deleted) {
            expect(url.searchParams.get("force")).toBe("true");
            this.deployments = this.deployments.filter((d) => d.id !== deleted[1]);
            return new Response(null, { status: 202 });
        }
        return json(404, { message: "not found" });
    };
}

class FakeInfra implements InfraPort {
    deletedEcs: string[] = [];
    deletedCloudMap: string[] = [];
    constructor(
        public services: ReleaseService[],
        public cloudMap: CloudMapService[] = [],
    ) {}
    async listReleaseServices() {
        return this.services;
    }
    async deleteEcsService(arn: string) {
        this.deletedEcs.push(arn);
    }
    async listCloudMapServices() {
        return this.cloudMap;
    }
    async deleteCloudMapService(id: string): Promise<"deleted" | "in-use"> {
        this.deletedCloudMap.push(id);
        return "deleted";
    }
}

const service = (releaseId: string, ageHours: number): ReleaseService => ({
    arn: `arn:aws:ecs:us-east-1:123456789012:service/cluster/lp-${releaseId}`,
    releaseId,
    createdAt: new Date(NOW.getTime() - ageHours * HOUR),
    registryArn: `arn:aws:servicediscovery:us-east-1:123456789012:service/srv-${releaseId}`,
});

const settings: Settings = {
    ADMIN_URL: "http://admin.internal:9070",
    NAMESPACE: NS,
    NAMESPACE_ID: "ns-1",
    CLUSTER_ARN: "arn:aws:ecs:us-east-1:123456789012:cluster/cluster",
    ENVIRONMENT: "development",
    CURRENT_RELEASE_ID: "r3",
    RETAINED_RELEASES: 1,
    GRACE_MINUTES: 60,
    REGISTER_DEADLINE_SECONDS: 600,
    RELEASE_TAG: "lead-processor:release",
    ENVIRONMENT_TAG: "lead-processor:environment",
};

function deps(restate: FakeRestate, infra: FakeInfra, overrides: Partial<Settings> = {}): Deps & { logs: string[] } {
    const logs: string[] = [];
    return {
        settings: { ...settings, ...overrides },
        admin: (base) => new RestateAdmin(base, restate.fetch),
        infra: async () => infra,
        now: () => NOW,
        sleep: async () => {},
        log: (message) => logs.push(message),
        logs,
    };
}

const cfnEvent = (requestType: "Create" | "Update" | "Delete", releaseId: string, physical?: string) => ({
    RequestType: requestType,
    PhysicalResourceId: physical,
    ResourceProperties: {
        ServiceToken: "arn:aws:lambda:us-east-1:123456789012:function:provider",
        AdminUrl: "http://admin.internal:9070",
        DeploymentUri: uri(releaseId),
        ReleaseId: releaseId,
        UseHttp11: "false",
    },
});

describe("releaseIdFromUri", () => {
    it("reads the release from addresses in this namespace only", () => {
        expect(releaseIdFromUri(uri("abc123"), NS)).toBe("abc123");
        expect(releaseIdFromUri("http://r-abc.other.internal:9080/", NS)).toBeUndefined();
        expect(releaseIdFromUri("http://localhost:9080/", NS)).toBeUndefined();
        expect(releaseIdFromUri(undefined, NS)).toBeUndefined();
        expect(releaseIdFromUri("not a url", NS)).toBeUndefined();
    });
});

describe("planPrune", () => {
    const facts = (over: Partial<PruneFacts>): PruneFacts => ({
        now: NOW,
        currentReleaseId: "r4",
        retainedReleases: 1,
        graceMs: HOUR,
        services: [service("r1", 72), service("r2", 48), service("r3", 24), service("r4", 2)],
        deployments: ["r1", "r2", "r3", "r4"].map((r, i) => ({ id: `dp_${i + 1}`, releaseId: r })),
        latestDeploymentIds: new Set(["dp_4"]),
        pinned: new Map([
            ["dp_1", 0],
            ["dp_2", 0],
            ["dp_3", 0],
        ]),
        ...over,
    });
    const actions = (f: PruneFacts) => Object.fromEntries(planPrune(f).map((d) => [d.releaseId, d.action]));

    it("keeps the current release and the most recent previous ones; removes older drained releases", () => {
        expect(actions(facts({}))).toEqual({ r1: "remove", r2: "remove", r3: "keep", r4: "keep" });
        expect(actions(facts({ retainedReleases: 0 }))).toEqual({
            r1: "remove",
            r2: "remove",
            r3: "remove",
            r4: "keep",
        });
    });

    it("never removes a release with pinned invocations, or whose count is unknown", () => {
        const decisions = planPrune(facts({ pinned: new Map([["dp_1", 3]]) }));
        expect(decisions.find((d) => d.releaseId === "r1")).toMatchObject({
            action: "keep",
            reason: "draining: 3 unfinished invocations pinned",
        });
        expect(decisions.find((d) => d.releaseId === "r2")).toMatchObject({
            action: "keep",
            reason: "draining: unknown invocations pinned",
        });
    });

    it("never removes the latest deployment of a service, or a release created within the grace period", () => {
        expect(actions(facts({ latestDeploymentIds: new Set(["dp_1", "dp_4"]) })).r1).toBe("keep");
        const young = facts({ services: [service("r1", 0.5), service("r4", 0.1)], retainedReleases: 0 });
        expect(actions(young).r1).toBe("keep");
    });

    it("removes services that were never registered once no deploy can still be waiting for them", () => {
        const pending = facts({ services: [...facts({}).services, service("failed", 5)] });
        expect(planPrune(pending).find((d) => d.releaseId === "failed")).toMatchObject({ action: "keep" });
        const f = facts({ services: [...facts({}).services, service("failed", 7)] });
        expect(planPrune(f).find((d) => d.releaseId === "failed")).toMatchObject({
            action: "remove",
            reason: "never registered",
            deploymentIds: [],
        });
    });
});

describe("registerWithRetry", () => {
    it("retries while Restate cannot reach the new release, then succeeds", async () => {
        const restate = new FakeRestate();
        restate.failRegistrations = [500, 400];
        const sleeps: number[] = [];
        const result = await registerWithRetry(new RestateAdmin("http://admin:9070", restate.fetch), {
            uri: uri("r1"),
            useHttp11: false,
            deadlineMs: 60_000,
            delayMs: 1000,
            sleep: async (ms) => void sleeps.push(ms),
            now: () => 0,
        });
        expect(result).toEqual({ deploymentId: "dp_1abc", status: 201 });
        expect(sleeps).toEqual([1000, 2000]);
        expect(restate.requests[0]?.body).toEqual({ uri: uri("r1"), force: false, use_http_11: false });
    });

    it("gives up at the deadline with the last error", async () => {
        const restate = new FakeRestate();
        restate.failRegistrations = [500, 500, 500, 500];
        let clock = 0;
        const attempt = registerWithRetry(new RestateAdmin("http://admin:9070", restate.fetch), {
            uri: uri("r1"),
            useHttp11: false,
            deadlineMs: 10_000,
            delayMs: 4000,
            sleep: async (ms) => {
                clock += ms;
            },
            now: () => clock,
        });
        await expect(attempt).rejects.toThrow(/failed after 2 attempts: .*HTTP 500/);
    });

    it("does not retry or force a conflicting registration", async () => {
        const restate = new FakeRestate();
        restate.conflict = true;
        const attempt = registerWithRetry(new RestateAdmin("http://admin:9070", restate.fetch), {
            uri: uri("r1"),
            useHttp11: false,
            deadlineMs: 60_000,
        });
        await expect(attempt).rejects.toThrow(/never be reused/);
        expect(restate.requests).toHaveLength(1);
    });
});

describe("registrar handler", () => {
    it("registers a new release on Create and answers with the release id as physical id", async () => {
        const restate = new FakeRestate();
        const result = await run(cfnEvent("Create", "r1"), deps(restate, new FakeInfra([service("r1", 0)])));
        expect(result).toEqual({ PhysicalResourceId: "r1", Data: { DeploymentId: "dp_1abc", ReleaseId: "r1" } });
        expect(restate.deployments).toEqual([{ id: "dp_1abc", uri: uri("r1") }]);
    });

    it("registers the next release on Update, keeps the draining one, and ignores the Delete of the old id", async () => {
        const restate = new FakeRestate();
        const infra = new FakeInfra([service("r1", 30), service("r2", 0)]);
        const d = deps(restate, infra, { CURRENT_RELEASE_ID: "r2" });
        await run(cfnEvent("Create", "r1"), d);
        restate.pinned.set("dp_1abc", 5); // r1 still has suspended invocations

        const update = await run(cfnEvent("Update", "r2", "r1"), d);
        expect(update).toMatchObject({ PhysicalResourceId: "r2" });
        expect(restate.latest.get("Lead")).toBe("dp_2abc");
        expect(restate.deployments.map((x) => x.id)).toEqual(["dp_1abc", "dp_2abc"]);

        const before = restate.requests.length;
        const deleted = await run(cfnEvent("Delete", "r1", "r1"), d);
        expect(deleted).toEqual({ PhysicalResourceId: "r1" });
        expect(restate.requests.length).toBe(before);
        expect(infra.deletedEcs).toEqual([]);
    });

    it("prunes drained releases beyond the retained count on schedule", async () => {
        const restate = new FakeRestate();
        const infra = new FakeInfra(
            [],
            [
                { id: "srv-r1", arn: "arn:srv-r1", name: "r-r1", createdAt: new Date(NOW.getTime() - 72 * HOUR) },
                { id: "srv-r3", arn: "arn:srv-r3", name: "r-r3", createdAt: new Date(NOW.getTime() - 24 * HOUR) },
            ],
        );
        const d = deps(restate, infra);
        const ages: Record<string, number> = { r1: 72, r2: 48, r3: 24 };
        for (const r of ["r1", "r2", "r3"]) {
            infra.services.push(service(r, ages[r] ?? 0));
            await run(cfnEvent("Create", r), deps(restate, infra, { CURRENT_RELEASE_ID: r }));
        }
        // Registering r3 already retired r1 (drained, older than the one retained previous release).
        expect(restate.deployments.map((x) => x.uri)).toEqual([uri("r2"), uri("r3")]);
        expect(infra.deletedEcs).toEqual([service("r1", 0).arn]);
        infra.deletedEcs = [];
        infra.deletedCloudMap = [];
        infra.services = infra.services.filter((x) => x.releaseId !== "r1");
        restate.pinned.set("dp_2abc", 1);

        const result = await run({ action: "prune" }, d);
        expect(result).toMatchObject({
            pruned: [
                { releaseId: "r2", action: "keep", reason: "draining: 1 unfinished invocations pinned" },
                { releaseId: "r3", action: "keep", reason: "current release" },
            ],
        });
        // The ECS service of r1 is gone; its Cloud Map name is deleted once ECS has released it.
        expect(infra.deletedEcs).toEqual([]);
        expect(infra.deletedCloudMap).toEqual(["srv-r1"]);
    });

    it("does not fail the deploy when pruning fails", async () => {
        const restate = new FakeRestate();
        const d = deps(restate, new FakeInfra([]));
        d.infra = async () => {
            throw new Error("AccessDenied");
        };
        const result = await run(cfnEvent("Create", "r1"), d);
        expect(result).toMatchObject({ PhysicalResourceId: "r1" });
        expect(d.logs.some((l) => l.includes("pruning old releases failed"))).toBe(true);
    });

    it("rejects an event it does not understand", async () => {
        await expect(run({ RequestType: "Create" }, deps(new FakeRestate(), new FakeInfra([])))).rejects.toThrow();
    });
});
