import { describe, expect, it } from "vitest";
import { cpuModel } from "../lib/machine";
import { ProcessSampler, parseStatCpuTicks, parseStatusRssKb, readProc } from "../lib/proc";

describe("/proc parsing", () => {
    it("reads utime + stime after a command name with spaces and parentheses", () => {
        const stat =
            "4242 (bun (worker) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 35 0 0 20 0 12 0 9876 123456789 4096";
        expect(parseStatCpuTicks(stat)).toBe(185);
    });

    it("rejects text that is not a stat line", () => {
        expect(() => parseStatCpuTicks("nothing here")).toThrow();
    });

    it("reads VmRSS in kB, undefined when absent", () => {
        expect(parseStatusRssKb("Name:\tbun\nVmPeak:\t  999 kB\nVmRSS:\t  123456 kB\nThreads:\t12\n")).toBe(123456);
        expect(parseStatusRssKb("Name:\tzombie\nState:\tZ\n")).toBeUndefined();
    });

    it("takes the first model name from /proc/cpuinfo", () => {
        expect(cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7R13\n\nprocessor\t: 1\nmodel name\t: other\n")).toBe(
            "AMD EPYC 7R13",
        );
        expect(cpuModel("")).toBe("unknown");
    });
});

describe("ProcessSampler", () => {
    it("reads this process and reports CPU and RSS between marks", () => {
        const sampler = new ProcessSampler({ self: process.pid });
        const from = sampler.mark();
        let x = 0;
        for (let i = 0; i < 2e6; i++) x += i;
        expect(x).toBeGreaterThan(0);
        const to = sampler.mark();
        const w = sampler.window(from, to);
        expect(w.cpuSeconds.self).toBeGreaterThanOrEqual(0);
        expect(w.cpuSeconds.bench).toBeGreaterThanOrEqual(0);
        expect(w.peakRssMb.self).toBeGreaterThan(1);
        expect(sampler.peakRssMb("self")).toBeGreaterThan(1);
    });

    it("reads nothing for a process that does not exist", () => {
        expect(readProc(2 ** 30)).toBeUndefined();
    });
});
