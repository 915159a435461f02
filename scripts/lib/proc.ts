import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Whether this system has a Linux-style `/proc` (not macOS). */
export const hasProc = existsSync("/proc/self/stat");

/** Parent pid and state of a process from `/proc/<pid>/stat`, or undefined when it is gone. */
export function procStat(pid: number): { ppid: number; state: string } | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return { state: fields[0] ?? "?", ppid: Number(fields[1]) };
    } catch {
        return undefined;
    }
}

/** Pids of the live (non-zombie) direct children of `ppid`. Empty where there is no `/proc`. */
export function childPids(ppid: number): number[] {
    if (!hasProc) return [];
    const out: number[] = [];
    for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        const stat = procStat(Number(entry));
        if (stat && stat.ppid === ppid && stat.state !== "Z") out.push(Number(entry));
    }
    return out;
}

/** Every live descendant of `pid` (children, grandchildren…). */
export function descendantPids(pid: number): number[] {
    const out: number[] = [];
    const queue = [pid];
    while (queue.length > 0) {
        const next = queue.shift() as number;
        for (const child of childPids(next)) {
            out.push(child);
            queue.push(child);
        }
    }
    return out;
}

/** True while `/proc/<pid>` exists and is not a zombie. */
export function alive(pid: number): boolean {
    const stat = procStat(pid);
    return stat !== undefined && stat.state !== "Z";
}
