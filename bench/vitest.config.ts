import { defineConfig } from "vitest/config";
import { sharedTest } from "../vitest.shared.ts";

export default defineConfig({
    test: { ...sharedTest, name: "bench", include: ["test/**/*.test.ts"], testTimeout: 30_000 },
});
