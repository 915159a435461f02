/** A sandbox served on a free loopback port for a test file (for clients that need real HTTP, like the AWS SDK). */
import { afterAll, beforeAll } from "vitest";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

export interface ServedSandbox {
    sandbox: Sandbox;
    base: string;
}

/** Starts the sandbox before the file's tests and stops it after them; returns a getter for it. */
export function useServedSandbox(): () => ServedSandbox {
    let served: (ServedSandbox & { stop: () => void }) | undefined;
    beforeAll(() => {
        const sandbox = createSandbox({ seed, publicUrl: "http://sandbox.test" });
        const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: sandbox.fetch });
        const stop = () => {
            sandbox.close();
            server.stop(true);
        };
        served = { sandbox, base: `http://127.0.0.1:${server.port}`, stop };
    });
    afterAll(() => served?.stop());
    return () => {
        if (!served) throw new Error("the sandbox has not started");
        return served;
    };
}
