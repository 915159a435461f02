import net from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, ManagedProcess, PortPicker, portInUse, waitUntil } from "../src";

describe("ManagedProcess", () => {
    it("starts a command in its own group, keeps its output and stops it without reporting an exit", async () => {
        const exits: string[] = [];
        const proc = new ManagedProcess({
            name: "sleeper",
            command: ["sh", "-c", "echo started; exec sleep 30"],
            env: { PATH: process.env.PATH },
            onUnexpectedExit: ({ name }) => exits.push(name),
        });
        proc.start();
        try {
            await waitUntil("the sleeper's first line", async () => proc.lines.includes("started"), 10_000, 20);
            expect(proc.running).toBe(true);
        } finally {
            await proc.stop();
        }
        expect(proc.running).toBe(false);
        expect(exits).toEqual([]);
    });

    it("reports a part that exits on its own, with its last lines", async () => {
        const exits: { name: string; code: number | null; lastLines: string[] }[] = [];
        const proc = new ManagedProcess({
            name: "quitter",
            command: ["sh", "-c", "echo going; exit 3"],
            env: { PATH: process.env.PATH },
            onUnexpectedExit: (info) => exits.push(info),
        });
        proc.start();
        await waitUntil("the quitter's exit report", async () => exits.length === 1, 10_000, 20);
        expect(exits).toEqual([{ name: "quitter", code: 3, signal: null, lastLines: ["going"] }]);
    });
});

describe("ports", () => {
    it("hands out a free port, and sees it in use once something listens there", async () => {
        const port = await freePort();
        expect(await portInUse(port)).toBe(false);
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
        try {
            expect(await portInUse(port)).toBe(true);
        } finally {
            server.close();
        }
    });
});

describe("PortPicker", () => {
    it("skips a port it handed out before or the caller reserved, and keeps a port the caller gives", async () => {
        const offered = [5000, 5000, 6000, 5001, 6000, 5002];
        const picker = new PortPicker([6000], async () => offered.shift() ?? 0);
        expect([await picker.pick(), await picker.pick(), await picker.pick()]).toEqual([5000, 5001, 5002]);
        expect(await picker.pick(6000)).toBe(6000);
    });

    it("hands out real free ports by default", async () => {
        const port = await new PortPicker().pick();
        expect(await portInUse(port)).toBe(false);
    });
});

describe("waitUntil", () => {
    it("names what it waited for and the probe's last error", async () => {
        const failing = waitUntil(
            "the moon",
            async () => {
                throw new Error("no moon tonight");
            },
            50,
            10,
        );
        await expect(failing).rejects.toThrow(
            "Timed out after 50 ms waiting for the moon (last error: no moon tonight)",
        );
    });
});
