import { afterEach, describe, expect, it, vi } from "vitest";
import { messagingServicePool, NumberPool } from "../src/pool/number-pool";
import { FakeTwilio, MESSAGING_SERVICE_SID, twilioError } from "./fake-twilio";
import { captureLogger, POOL } from "./helpers";

function poolOver(fake: FakeTwilio, refreshSeconds = 60) {
    const { logger, lines } = captureLogger();
    const pool = new NumberPool({
        source: messagingServicePool(fake, MESSAGING_SERVICE_SID),
        logger,
        refreshSeconds,
    });
    return { pool, lines };
}

afterEach(() => {
    vi.useRealTimers();
});

describe("NumberPool", () => {
    it("loads the Messaging Service's numbers", async () => {
        const fake = new FakeTwilio([...POOL]);
        const { pool } = poolOver(fake);
        expect(pool.size).toBe(0);
        expect(() => pool.current()).toThrow(/not been loaded/);
        const snapshot = await pool.load();
        expect(snapshot.size).toBe(POOL.length);
        expect(pool.current()).toBe(snapshot);
        expect(fake.callsOf("pool.list")).toEqual([{ op: "pool.list", args: { serviceSid: MESSAGING_SERVICE_SID } }]);
    });

    it("fails loudly when the pool cannot be read", async () => {
        const fake = new FakeTwilio([...POOL]).failNext("pool.list", twilioError(404, 20404, "Service not found"));
        const { pool } = poolOver(fake);
        await expect(pool.load()).rejects.toThrow(/Service not found/);
    });

    it("fails loudly when the Messaging Service has no usable number", async () => {
        const { pool, lines } = poolOver(new FakeTwilio(["not-a-number"]));
        await expect(pool.load()).rejects.toThrow(/pool is empty \(1 numbers read, none usable\)/);
        expect(lines.join("\n")).toContain("Ignoring pool numbers that are not valid phone numbers");
    });

    it("keeps the previous pool and warns when a refresh fails", async () => {
        const fake = new FakeTwilio([...POOL]);
        const { pool, lines } = poolOver(fake);
        const first = await pool.load();
        fake.failNext("pool.list", twilioError(500, 20500, "Internal Server Error"));
        await expect(pool.refresh()).resolves.toBe(false);
        expect(pool.current()).toBe(first);
        const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === "warn");
        expect(warning).toMatchObject({
            message: "Number pool refresh failed; keeping the previous pool",
            poolSize: POOL.length,
        });
    });

    it("keeps the previous pool when a refresh comes back empty", async () => {
        const fake = new FakeTwilio([...POOL]);
        const { pool } = poolOver(fake);
        await pool.load();
        fake.poolNumbers = [];
        await expect(pool.refresh()).resolves.toBe(false);
        expect(pool.size).toBe(POOL.length);
    });

    it("picks up added and removed numbers on the next refresh", async () => {
        const fake = new FakeTwilio([...POOL]);
        const { pool } = poolOver(fake);
        await pool.load();
        fake.poolNumbers = ["+13125550101", "+12125550101"];
        await expect(pool.refresh()).resolves.toBe(true);
        expect(pool.current().numbers).toEqual(["+12125550101", "+13125550101"]);
    });

    it("refreshes on its timer until stopped", async () => {
        vi.useFakeTimers();
        const fake = new FakeTwilio([...POOL]);
        const { pool } = poolOver(fake, 300);
        await pool.load();
        pool.startRefreshing();
        fake.poolNumbers = ["+14155550101"];
        await vi.advanceTimersByTimeAsync(299_000);
        expect(fake.callsOf("pool.list")).toHaveLength(1);
        await vi.advanceTimersByTimeAsync(1_000);
        expect(fake.callsOf("pool.list")).toHaveLength(2);
        expect(pool.size).toBe(1);
        await vi.advanceTimersByTimeAsync(300_000);
        expect(fake.callsOf("pool.list")).toHaveLength(3);
        pool.stop();
        await vi.advanceTimersByTimeAsync(900_000);
        expect(fake.callsOf("pool.list")).toHaveLength(3);
    });
});
