// A second entry for the lead processor process, used by `bun run bench`: the real services exactly as
// `modules/lead_processor/src/main.ts` serves them, plus `BenchFloor`, a virtual object whose exclusive
// handler sets one state key. Measured with the same load generator, it is the floor every scenario is
// compared with: the cost of one Restate round trip into this process, with nothing of the product in it.
import "common/restate/polyfill";
import { fileURLToPath } from "node:url";
import type * as Restate from "@restatedev/restate-sdk";
import { serve } from "../modules/lead_processor/src/serve.ts";

// The SDK exactly as the lead processor resolves it (the bench has no install of its own): one instance, so
// the endpoint recognises the floor's handlers.
const leadProcessorDir = fileURLToPath(new URL("../modules/lead_processor/src/", import.meta.url));
const restate: typeof Restate = await import(Bun.resolveSync("@restatedev/restate-sdk", leadProcessorDir));

/** `BenchFloor/{key}/set`: stores the body under one state key and answers it back. */
export const benchFloor = restate.object({
    name: "BenchFloor",
    handlers: {
        set: restate.handlers.object.exclusive(
            { input: restate.serde.json, output: restate.serde.json },
            async (ctx: Restate.ObjectContext, input: unknown) => {
                ctx.set("value", input ?? null);
                return { key: ctx.key };
            },
        ),
    },
});

serve([benchFloor], "Lead processor (bench entry with BenchFloor)");
