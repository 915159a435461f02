import { defineConfig } from "vitest/config";
import { sharedTest } from "../../vitest.shared.ts";

export default defineConfig({
    test: {
        ...sharedTest,
        name: "e2e",
        include: ["src/tests/**/*.e2e.test.ts"],
        globalSetup: ["src/support/global-setup.ts"],
        testTimeout: 60_000,
        hookTimeout: 120_000,
        maxWorkers: 2,
        // Runs after the unit-test projects (group 0), so the two cores are not shared with them.
        sequence: { groupOrder: 1 },
    },
});
