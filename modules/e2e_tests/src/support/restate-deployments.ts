/** Restate's deployments as the admin API lists and removes them (a rolling upgrade of the lead processor). */
import { z } from "zod";

const Deployments = z.object({
    deployments: z.array(z.object({ id: z.string(), uri: z.string().optional() })),
});
export type Deployment = z.output<typeof Deployments>["deployments"][number];

/** Every deployment Restate knows, with its endpoint's URI. */
export async function deployments(adminUrl: string): Promise<Deployment[]> {
    const res = await fetch(`${adminUrl}/deployments`, { signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`Restate admin GET /deployments: HTTP ${res.status} ${text.slice(0, 300)}`);
    return Deployments.parse(JSON.parse(text)).deployments;
}

/**
 * Removes a deployment. Restate 1.7 deletes only with `force` and warns that it breaks invocations still pinned
 * to it, so a caller drains the deployment first (no invocation pinned to it left unfinished).
 */
export async function removeDeployment(adminUrl: string, id: string): Promise<void> {
    const res = await fetch(`${adminUrl}/deployments/${encodeURIComponent(id)}?force=true`, {
        method: "DELETE",
        signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Restate admin DELETE /deployments/${id}: HTTP ${res.status} ${text.slice(0, 300)}`);
}
