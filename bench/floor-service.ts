// A second entry for the lead processor process, used by `bun run bench`: the real services exactly as
// `modules/lead_processor/src/main.ts` serves them, plus `BenchFloor`, a virtual object whose exclusive
// handler sets one state key. Measured with the same load generator, it is the floor every scenario is
// compared with: the cost of one Restate round trip into this process, with nothing of the product in it.
import "common/restate/polyfill";
import * as restate from "@restatedev/restate-sdk";
import { serve } from "lead-processor/serve";

/** `BenchFloor/{key}/set`: stores the body under one state key and answers it back. */
export const benchFloor = restate.object({
    name: "BenchFloor",
    handlers: {
        set: restate.handlers.object.exclusive(
            { input: restate.serde.json, output: restate.serde.json },
            async (ctx: restate.ObjectContext, input: unknown) => {
                ctx.set("value", input ?? null);
                return { key: ctx.key };
            },
        ),
    },
});

serve([benchFloor], "Lead processor (bench entry with BenchFloor)");
