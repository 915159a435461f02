import { defineConfig } from "vitest/config";
import { sharedTest } from "../../vitest.shared.ts";

export default defineConfig({
    test: {
        ...sharedTest,
        name: "restate-cdk",
        include: ["test/**/*.test.ts"],
        // Synthesis (both environments, once per run) happens in beforeAll of stacks.test.ts.
        hookTimeout: 120_000,
        testTimeout: 60_000,
    },
});
