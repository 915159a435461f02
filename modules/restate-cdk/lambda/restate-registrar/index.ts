/**
 * Registrar Lambda of the lead-processor stack (bundled with `bun build` at synth time).
 *
 * - CloudFormation custom resource (through the CDK Provider framework): registers the release's address with
 *   the Restate admin API. The physical id is the release id, so it runs once per release: CloudFormation sends
 *   Create/Update only when the release (or the admin URL) changes. Delete is a no-op, because an old release
 *   keeps serving its pinned invocations until they drain.
 * - Scheduled `{ "action": "prune" }` (and after each registration): removes old releases that are drained,
 *   beyond the retained count: their Restate deployment, their ECS service and their Cloud Map name.
 */
import { z } from "zod";
import { RestateAdmin, registerWithRetry } from "./admin";
import { awsInfra, type InfraPort } from "./infra";
import { planPrune, type ReleaseDecision, releaseIdFromUri } from "./prune";

const CfnEvent = z.object({
    RequestType: z.enum(["Create", "Update", "Delete"]),
    PhysicalResourceId: z.string().optional(),
    ResourceProperties: z.looseObject({
        AdminUrl: z.url(),
        DeploymentUri: z.url(),
        ReleaseId: z.string().regex(/^[a-z0-9-]{1,40}$/),
        UseHttp11: z.enum(["true", "false"]).default("false"),
    }),
});
const PruneEvent = z.object({ action: z.literal("prune") });

export const Settings = z.object({
    ADMIN_URL: z.url(),
    NAMESPACE: z.string().min(1),
    NAMESPACE_ID: z.string().min(1),
    CLUSTER_ARN: z.string().startsWith("arn:"),
    ENVIRONMENT: z.string().min(1),
    CURRENT_RELEASE_ID: z.string().min(1),
    RETAINED_RELEASES: z.coerce.number().int().min(0),
    GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
    REGISTER_DEADLINE_SECONDS: z.coerce.number().int().min(10).default(600),
    RELEASE_TAG: z.string().min(1),
    ENVIRONMENT_TAG: z.string().min(1),
});
export type Settings = z.output<typeof Settings>;

export interface Deps {
    settings: Settings;
    admin: (baseUrl: string) => RestateAdmin;
    infra: () => Promise<InfraPort>;
    now: () => Date;
    sleep?: (ms: number) => Promise<void>;
    log: (message: string, fields?: Record<string, unknown>) => void;
}

export interface CfnResult {
    PhysicalResourceId: string;
    Data?: Record<string, string>;
}

export async function run(rawEvent: unknown, deps: Deps): Promise<CfnResult | { pruned: ReleaseDecision[] }> {
    const prune = PruneEvent.safeParse(rawEvent);
    if (prune.success) {
        return { pruned: await pruneReleases(deps.admin(deps.settings.ADMIN_URL), deps) };
    }
    const event = CfnEvent.parse(rawEvent);
    const props = event.ResourceProperties;
    if (event.RequestType === "Delete") {
        deps.log("release removed from the stack; its deployment drains and is pruned later", {
            physicalResourceId: event.PhysicalResourceId,
        });
        return { PhysicalResourceId: event.PhysicalResourceId ?? props.ReleaseId };
    }

    const admin = deps.admin(props.AdminUrl);
    const registered = await registerWithRetry(admin, {
        uri: props.DeploymentUri,
        useHttp11: props.UseHttp11 === "true",
        deadlineMs: deps.settings.REGISTER_DEADLINE_SECONDS * 1000,
        sleep: deps.sleep,
        log: deps.log,
    });
    deps.log("registered release with Restate", {
        releaseId: props.ReleaseId,
        uri: props.DeploymentUri,
        deploymentId: registered.deploymentId,
        created: registered.status === 201,
    });

    try {
        await pruneReleases(admin, deps, props.ReleaseId);
    } catch (error) {
        // Pruning is housekeeping: it must never fail a deploy. The scheduled run retries it.
        deps.log("pruning old releases failed; the scheduled run retries", { error: String(error) });
    }
    return {
        PhysicalResourceId: props.ReleaseId,
        Data: { DeploymentId: registered.deploymentId, ReleaseId: props.ReleaseId },
    };
}

async function pruneReleases(admin: RestateAdmin, deps: Deps, currentReleaseId?: string): Promise<ReleaseDecision[]> {
    const s = deps.settings;
    const current = currentReleaseId ?? s.CURRENT_RELEASE_ID;
    const infra = await deps.infra();
    const services = await infra.listReleaseServices();
    const deployments = (await admin.listDeployments()).flatMap((d) => {
        const releaseId = releaseIdFromUri(d.uri, s.NAMESPACE);
        return releaseId ? [{ id: d.id, releaseId, createdAt: d.createdAt }] : [];
    });
    const latest = await admin.latestDeploymentIds();
    const pinned = new Map<string, number>();
    for (const d of deployments) {
        if (d.releaseId === current || latest.has(d.id)) continue;
        try {
            pinned.set(d.id, await admin.pinnedInvocations(d.id));
        } catch (error) {
            deps.log("could not count pinned invocations; keeping the release", { id: d.id, error: String(error) });
        }
    }

    const now = deps.now();
    const graceMs = s.GRACE_MINUTES * 60_000;
    const decisions = planPrune({
        now,
        currentReleaseId: current,
        retainedReleases: s.RETAINED_RELEASES,
        graceMs,
        services,
        deployments,
        latestDeploymentIds: latest,
        pinned,
    });

    const kept = new Set(decisions.filter((d) => d.action === "keep").map((d) => d.releaseId));
    for (const decision of decisions) {
        deps.log(`release ${decision.releaseId}: ${decision.action} (${decision.reason})`);
        if (decision.action !== "remove") continue;
        for (const id of decision.deploymentIds) await admin.deleteDeployment(id);
        for (const svc of decision.services) await infra.deleteEcsService(svc.arn);
    }

    // Cloud Map names outlive their ECS service until ECS has deregistered the tasks; delete them once free.
    const activeReleases = new Set(services.map((svc) => svc.releaseId));
    for (const cm of await infra.listCloudMapServices()) {
        const releaseId = /^r-([a-z0-9-]+)$/.exec(cm.name)?.[1];
        if (!releaseId || kept.has(releaseId) || releaseId === current) continue;
        const removedNow = decisions.some((d) => d.releaseId === releaseId && d.action === "remove");
        if (activeReleases.has(releaseId) && !removedNow) continue;
        if (now.getTime() - cm.createdAt.getTime() < graceMs) continue;
        const outcome = await infra.deleteCloudMapService(cm.id);
        deps.log(`cloud map name ${cm.name}: ${outcome}`);
    }
    return decisions;
}

function log(message: string, fields: Record<string, unknown> = {}): void {
    console.log(JSON.stringify({ level: "info", message, ...fields }));
}

export async function handler(event: unknown): Promise<unknown> {
    const settings = Settings.parse(process.env);
    return run(event, {
        settings,
        admin: (baseUrl) => new RestateAdmin(baseUrl),
        infra: () =>
            awsInfra({
                clusterArn: settings.CLUSTER_ARN,
                namespaceId: settings.NAMESPACE_ID,
                environment: settings.ENVIRONMENT,
                releaseTag: settings.RELEASE_TAG,
                environmentTag: settings.ENVIRONMENT_TAG,
            }),
        now: () => new Date(),
        log,
    });
}
