/**
 * Which old lead-processor releases may be removed. Pure: the handler gathers the facts (ECS services tagged
 * with a release id, Restate deployments, which deployment is latest per service, pinned invocations) and then
 * carries out the decisions.
 */

export interface ReleaseService {
    arn: string;
    releaseId: string;
    createdAt: Date;
    /** Cloud Map service the ECS service registers its tasks in. */
    registryArn: string | undefined;
}

export interface ReleaseDeployment {
    id: string;
    releaseId: string;
    /** When Restate registered it, if reported. */
    createdAt?: Date | undefined;
}

export interface PruneFacts {
    now: Date;
    currentReleaseId: string;
    /** Previous releases kept running even when drained. */
    retainedReleases: number;
    /** Never remove a release whose ECS service is younger than this (a deploy may be in progress). */
    graceMs: number;
    services: ReleaseService[];
    deployments: ReleaseDeployment[];
    latestDeploymentIds: ReadonlySet<string>;
    /** Unfinished invocations pinned to each deployment (only deployments that are not latest are queried). */
    pinned: ReadonlyMap<string, number>;
}

export interface ReleaseDecision {
    releaseId: string;
    action: "keep" | "remove";
    reason: string;
    deploymentIds: string[];
    services: ReleaseService[];
}

/** `http://r-<release>.<namespace>:9080/` → `<release>`, or undefined for addresses this stack does not own. */
export function releaseIdFromUri(uri: string | undefined, namespace: string): string | undefined {
    if (!uri) return undefined;
    let host: string;
    try {
        host = new URL(uri).hostname;
    } catch {
        return undefined;
    }
    const suffix = `.${namespace}`;
    if (!host.endsWith(suffix)) return undefined;
    const label = host.slice(0, -suffix.length);
    const match = /^r-([a-z0-9-]+)$/.exec(label);
    return match?.[1];
}

/** Longer than CloudFormation waits for a new ECS service to stabilise. */
export const UNREGISTERED_GRACE_MS = 6 * 3_600_000;

export function planPrune(facts: PruneFacts): ReleaseDecision[] {
    const ids = new Set<string>([
        ...facts.services.map((s) => s.releaseId),
        ...facts.deployments.map((d) => d.releaseId),
    ]);
    // Age of a release: its newest ECS service or Restate deployment, whichever is known and later.
    const newest = (releaseId: string) =>
        Math.max(
            0,
            ...facts.services.filter((s) => s.releaseId === releaseId).map((s) => s.createdAt.getTime()),
            ...facts.deployments.filter((d) => d.releaseId === releaseId).map((d) => d.createdAt?.getTime() ?? 0),
        );

    // The most recent previous releases that were registered with Restate, newest first.
    const retained = new Set(
        [...ids]
            .filter((id) => id !== facts.currentReleaseId && facts.deployments.some((d) => d.releaseId === id))
            .sort((a, b) => newest(b) - newest(a))
            .slice(0, facts.retainedReleases),
    );

    return [...ids].sort().map((releaseId) => {
        const deploymentIds = facts.deployments.filter((d) => d.releaseId === releaseId).map((d) => d.id);
        const services = facts.services.filter((s) => s.releaseId === releaseId);
        const decide = (action: ReleaseDecision["action"], reason: string): ReleaseDecision => ({
            releaseId,
            action,
            reason,
            deploymentIds,
            services,
        });

        if (releaseId === facts.currentReleaseId) return decide("keep", "current release");
        const latest = deploymentIds.find((id) => facts.latestDeploymentIds.has(id));
        if (latest) return decide("keep", `${latest} is still the latest deployment of a service`);
        const pinned = deploymentIds.reduce((sum, id) => sum + (facts.pinned.get(id) ?? Number.POSITIVE_INFINITY), 0);
        if (pinned > 0) {
            const what = Number.isFinite(pinned) ? `${pinned} unfinished invocations` : "unknown invocations";
            return decide("keep", `draining: ${what} pinned`);
        }
        // An unregistered service may belong to a deploy still waiting for ECS to stabilise (up to 3 hours).
        const grace = deploymentIds.length > 0 ? facts.graceMs : Math.max(facts.graceMs, UNREGISTERED_GRACE_MS);
        const young = services.find((s) => facts.now.getTime() - s.createdAt.getTime() < grace);
        if (young) return decide("keep", "created recently (a deploy may be in progress)");
        if (retained.has(releaseId)) return decide("keep", "one of the most recent previous releases");
        return decide("remove", deploymentIds.length > 0 ? "drained" : "never registered");
    });
}
