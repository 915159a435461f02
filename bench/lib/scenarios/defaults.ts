import { ProcessSampler } from "../proc";
import type { ScenarioRow } from "../report";
import type { Target } from "../target";
import type { RunContext } from "./context";
import { createScenario } from "./create";

/**
 * `acton-defaults`: the ACTON scenario on a second stack whose restate-server runs exactly as it ships (24
 * partitions, 1,000 invocations in flight), the way the system this replaces was measured, so that comparison
 * stays like for like. The run's own stack is stopped first (`stopMain`), so the two never share the cores;
 * the ratio to the floor is against the floor of the run's own stack.
 */
export async function restateDefaultsScenario(
    ctx: RunContext,
    concurrency: number,
    stopMain: () => Promise<void>,
    startDefaults: () => Promise<Target>,
): Promise<ScenarioRow> {
    await stopMain();
    const t = await startDefaults();
    const pids = Object.entries(t.pids()).filter((entry): entry is [string, number] => entry[1] !== undefined);
    const sampler = new ProcessSampler(Object.fromEntries(pids), 200);
    sampler.start();
    try {
        const row = await createScenario({ ...ctx, t, sampler }, "ACTON", concurrency);
        const note = "restate-server with its defaults (24 partitions, 1,000 invocations at once)";
        return { ...row, scenario: "acton-defaults", note: row.note ? `${note}; ${row.note}` : note };
    } finally {
        sampler.stop();
        await t.stop().catch(() => undefined);
    }
}
