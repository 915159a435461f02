/** A sandbox served on a free loopback port for a test file (for clients that need real HTTP, like the AWS SDK). */
import { afterAll, beforeAll } from "vitest";
import { seed } from "../src/seed";
import { type ServedSandbox, serveSandbox } from "../src/serve";

/** Starts the sandbox before the file's tests and stops it after them; returns a getter for it. */
export function useServedSandbox(): () => ServedSandbox {
    let served: ServedSandbox | undefined;
    beforeAll(() => {
        served = serveSandbox({ seed, publicUrl: "http://sandbox.test" });
    });
    afterAll(() => served?.stop());
    return () => {
        if (!served) throw new Error("the sandbox has not started");
        return served;
    };
}
