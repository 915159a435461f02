import { readFileSync } from "node:fs";
import os from "node:os";

export interface MachineInfo {
    cores: number;
    model: string;
    totalMemoryMb: number;
    kernel: string;
    bun: string;
    loadAverageStart: number[];
    loadAverageEnd?: number[];
}

/** The first `model name` of /proc/cpuinfo text. */
export function cpuModel(cpuinfo: string): string {
    return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown";
}

const read = (path: string) => {
    try {
        return readFileSync(path, "utf8");
    } catch {
        return "";
    }
};

const loadAverage = () => os.loadavg().map((v) => Math.round(v * 100) / 100);

/** Cores, CPU model, memory, kernel, Bun version and the load average now. */
export function machineInfo(): MachineInfo {
    const model = cpuModel(read("/proc/cpuinfo"));
    return {
        cores: os.cpus().length,
        model: model === "unknown" ? (os.cpus()[0]?.model ?? "unknown") : model,
        totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
        kernel: `${os.type()} ${os.release()}`,
        bun: Bun.version,
        loadAverageStart: loadAverage(),
    };
}

export function finishMachineInfo(info: MachineInfo): MachineInfo {
    return { ...info, loadAverageEnd: loadAverage() };
}
