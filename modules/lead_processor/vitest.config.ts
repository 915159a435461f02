import { defineConfig } from "vitest/config";
import { sharedTest } from "../../vitest.shared.ts";

export default defineConfig({
    test: { ...sharedTest, name: "lead_processor", include: ["test/**/*.test.ts"] },
});
