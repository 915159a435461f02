import { E164, formatIssues } from "common";
import { z } from "zod";
import { json, type Router } from "../../core/router";
import type { TwilioSandbox } from "./context";
import { conversationsView } from "./view";

const PoolRequest = z.strictObject({
    numbers: z.array(E164).min(1, "give at least one number"),
    /** Replace the pool instead of adding to it (e.g. to test exhaustion with a small pool). */
    replace: z.boolean().optional(),
});

/** Sandbox controls for the Twilio stand-in: the number pool, a conversations view, opt-outs, reset. */
export function registerControlRoutes(router: Router, sb: TwilioSandbox): void {
    router.add("GET", "/__sandbox/pool", undefined, () => json({ numbers: sb.store.pool }));

    router.add("POST", "/__sandbox/pool", undefined, ({ body }) => {
        const parsed = PoolRequest.safeParse(body);
        if (!parsed.success) return json({ code: 400, message: formatIssues(parsed.error) }, 400);
        const { numbers, replace } = parsed.data;
        if (replace) sb.store.replacePool(numbers);
        const added = replace ? sb.store.pool.length : sb.store.addPoolNumbers(numbers);
        return json({ added, size: sb.store.pool.length }, 201);
    });

    router.add("GET", "/__sandbox/conversations", undefined, () => json(conversationsView(sb)));

    router.add("GET", "/__sandbox/opt-outs", undefined, () => json(sb.store.listOptOuts()));

    router.add("DELETE", "/__sandbox/twilio", undefined, () => {
        sb.timers.cancelAll();
        sb.store.reset();
        return new Response(null, { status: 204 });
    });
}
