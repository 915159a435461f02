import { ProcessSampler } from "../proc";
import type { ScenarioRow } from "../report";
import type { Target } from "../target";
import type { RunContext } from "./context";
import { createScenario } from "./create";

/** Which row a second stack makes, and what its note says about that stack. */
export interface AnotherStack {
    scenario: "acton-defaults" | "acton-cluster";
    note: string;
}

/**
 * The ACTON scenario on a second stack, sized differently from the run's own: `acton-defaults` (restate-server
 * exactly as it ships: 24 partitions, 1,000 invocations in flight, the way the system this replaces was
 * measured) and `acton-cluster` (a three-node Restate cluster with replication 2, each node sized as the single
 * one). The run's own stack is stopped first (`stopMain`, a no-op when an earlier row stopped it), so two stacks
 * never share the cores; the ratio to the floor is against the floor of the run's own stack. Every process of
 * the second stack is sampled; a cluster's three restate-server nodes are summed in the `restate` columns.
 */
export async function actonOnAnotherStack(
    ctx: RunContext,
    concurrency: number,
    stopMain: () => Promise<void>,
    startOther: () => Promise<Target>,
    row: AnotherStack,
): Promise<ScenarioRow> {
    await stopMain();
    const t = await startOther();
    const pids = Object.entries(t.pids()).filter((entry): entry is [string, number] => entry[1] !== undefined);
    const sampler = new ProcessSampler({ ...Object.fromEntries(pids), restate: t.restatePids() }, 200);
    sampler.start();
    try {
        const measured = await createScenario({ ...ctx, t, sampler }, "ACTON", concurrency);
        return {
            ...measured,
            scenario: row.scenario,
            note: measured.note ? `${row.note}; ${measured.note}` : row.note,
        };
    } finally {
        sampler.stop();
        await t.stop().catch(() => undefined);
    }
}
