import { defineConfig } from "vitest/config";
import { sharedTest } from "../../vitest.shared.ts";

/**
 * The reliability suite's pure parts (counting a lead's records, judging kills, the scorecard): unit tests
 * without a stack, so they run with the other unit projects and not behind the e2e project's stack start.
 */
export default defineConfig({
    test: { ...sharedTest, name: "reliability", include: ["src/reliability/**/*.test.ts"] },
});
