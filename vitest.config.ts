import { defineConfig } from "vitest/config";

/** One run over every module's tests: unit tests, CDK tests and the e2e suite against a real local stack. */
export default defineConfig({
    test: {
        projects: [
            "modules/*/vitest.config.ts",
            "modules/e2e_tests/vitest.unit.config.ts",
            "scripts/vitest.config.ts",
            "bench/vitest.config.ts",
        ],
    },
});
