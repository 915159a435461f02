import { readFileSync } from "node:fs";

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ; 100 on every Linux this runs on). */
export const CLOCK_TICKS = 100;

/** utime + stime (clock ticks) from the text of `/proc/<pid>/stat`; the command name may hold spaces. */
export function parseStatCpuTicks(stat: string): number {
    const close = stat.lastIndexOf(")");
    if (close < 0) throw new Error("not a /proc/<pid>/stat line");
    // After "pid (comm) " the fields start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat
        .slice(close + 2)
        .trim()
        .split(/\s+/);
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error("no utime/stime in /proc/<pid>/stat");
    return utime + stime;
}

/** VmRSS in kB from the text of `/proc/<pid>/status` (undefined for a zombie, which has none). */
export function parseStatusRssKb(status: string): number | undefined {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
}

/** One reading of a process. */
export interface ProcReading {
    /** `performance.now()` of the reading. */
    at: number;
    cpuSeconds: number;
    rssMb: number;
}

/** Reads a process now; undefined when it is gone. */
export function readProc(pid: number): ProcReading | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        return {
            at: performance.now(),
            cpuSeconds: parseStatCpuTicks(stat) / CLOCK_TICKS,
            rssMb: (parseStatusRssKb(status) ?? 0) / 1024,
        };
    } catch {
        return undefined;
    }
}

/**
 * Reads several processes now as one (a three-node Restate cluster): their CPU and RSS summed; undefined when
 * none is alive.
 */
export function readProcs(pids: readonly number[]): ProcReading | undefined {
    const readings = pids.flatMap((pid) => readProc(pid) ?? []);
    if (readings.length === 0) return undefined;
    return {
        at: performance.now(),
        cpuSeconds: readings.reduce((sum, r) => sum + r.cpuSeconds, 0),
        rssMb: readings.reduce((sum, r) => sum + r.rssMb, 0),
    };
}

/** A point in the run that windows are measured between. */
export interface Mark {
    at: number;
    readings: Record<string, ProcReading | undefined>;
    /** CPU seconds of this (bench) process. */
    selfCpuSeconds: number;
}

/** CPU and memory of each process between two marks. */
export interface WindowFigures {
    seconds: number;
    /** CPU seconds used by each process in the window (`bench` is the load generator itself). */
    cpuSeconds: Record<string, number>;
    /** Highest RSS seen in the window, MB. */
    peakRssMb: Record<string, number>;
    /** RSS at the end mark, MB. */
    endRssMb: Record<string, number>;
}

/**
 * Samples every named process (or group of processes, summed: a Restate cluster's nodes) every `intervalMs` (VmRSS from /proc/<pid>/status, utime+stime from
 * /proc/<pid>/stat) so peak RSS between two marks is known; CPU between marks is read exactly at the marks.
 */
export class ProcessSampler {
    private readonly samples: Record<string, ProcReading[]> = {};
    private timer: ReturnType<typeof setInterval> | undefined;

    constructor(
        readonly pids: Record<string, number | readonly number[]>,
        private readonly intervalMs = 200,
    ) {
        for (const name of Object.keys(pids)) this.samples[name] = [];
    }

    start(): void {
        if (this.timer) return;
        this.sample();
        this.timer = setInterval(() => this.sample(), this.intervalMs);
    }

    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
    }

    /** Reads every process now (and keeps it as a sample). */
    mark(): Mark {
        const readings = this.sample();
        const usage = process.cpuUsage();
        return { at: performance.now(), readings, selfCpuSeconds: (usage.user + usage.system) / 1e6 };
    }

    /** Figures between two marks. */
    window(from: Mark, to: Mark): WindowFigures {
        const cpuSeconds: Record<string, number> = { bench: to.selfCpuSeconds - from.selfCpuSeconds };
        const peakRssMb: Record<string, number> = {};
        const endRssMb: Record<string, number> = {};
        for (const name of Object.keys(this.pids)) {
            const a = from.readings[name];
            const b = to.readings[name];
            if (a && b) cpuSeconds[name] = b.cpuSeconds - a.cpuSeconds;
            const inWindow = (this.samples[name] ?? []).filter((s) => s.at >= from.at - 1 && s.at <= to.at + 1);
            const peak = Math.max(0, ...inWindow.map((s) => s.rssMb));
            if (peak > 0) peakRssMb[name] = peak;
            if (b) endRssMb[name] = b.rssMb;
        }
        return { seconds: (to.at - from.at) / 1000, cpuSeconds, peakRssMb, endRssMb };
    }

    /** Highest RSS of a process over the whole run, MB. */
    peakRssMb(name: string): number {
        return Math.max(0, ...(this.samples[name] ?? []).map((s) => s.rssMb));
    }

    private sample(): Record<string, ProcReading | undefined> {
        const readings: Record<string, ProcReading | undefined> = {};
        for (const [name, pid] of Object.entries(this.pids)) {
            const reading = readProcs([pid].flat());
            readings[name] = reading;
            if (reading) this.samples[name]?.push(reading);
        }
        return readings;
    }
}
