import { describe, expect, it } from "vitest";
import { z } from "zod";
import { envPort, envUrl } from "../src/config/env-schemas";
import { ConfigError, loadConfig } from "../src/config/load-config";

const Schema = z.object({ PORT: envPort.default(9080), API_URL: envUrl, TOKEN: z.string().min(16) });

describe("loadConfig", () => {
    it("applies defaults and strips a trailing slash from URLs", () => {
        const config = loadConfig("svc", Schema, { API_URL: "http://x.test/", TOKEN: "0123456789abcdef" });
        expect(config).toEqual({ PORT: 9080, API_URL: "http://x.test", TOKEN: "0123456789abcdef" });
    });

    it("lists every missing or invalid setting by name", () => {
        let caught: unknown;
        try {
            loadConfig("svc", Schema, { PORT: "abc", TOKEN: "" });
        } catch (error) {
            caught = error;
        }
        expect(caught).toBeInstanceOf(ConfigError);
        const problems = (caught as ConfigError).problems;
        expect(problems).toEqual(
            expect.arrayContaining([
                expect.stringMatching(/^API_URL: is required but not set$/),
                expect.stringMatching(/^TOKEN: is required but not set$/),
                expect.stringMatching(/^PORT: /),
            ]),
        );
    });
});
