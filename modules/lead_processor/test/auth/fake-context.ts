import type * as restate from "@restatedev/restate-sdk";

/** A handler context with only what the authorizer uses: journaled `run`, the request headers, console. */
export function context(authorization: string | undefined) {
    const steps: string[] = [];
    const fake = {
        run: async (name: string, action: () => Promise<unknown>) => {
            steps.push(name);
            return action();
        },
        request: () => ({ headers: new Map(authorization ? [["authorization", authorization]] : []) }),
        console: { warn() {} },
    };
    // Test double: only the members the authorizer uses are implemented.
    return { ctx: fake as unknown as restate.Context, steps };
}
