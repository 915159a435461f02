import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export interface ProcessSpec {
    name: string;
    command: string[];
    env: Record<string, string | undefined>;
    cwd?: string;
    /** Append every output line to this file. */
    logFile?: string;
    /** Called for every output line (the dev command prints some parts' lines). */
    onLine?: (line: string) => void;
    /** Called when the process exits without being asked to. */
    onUnexpectedExit?: (info: {
        name: string;
        code: number | null;
        signal: string | null;
        lastLines: string[];
    }) => void;
}

const TAIL = 80;

/** A child process of the stack: started in its own process group, its output tail kept for error reports. */
export class ManagedProcess {
    private child: ChildProcess | undefined;
    private exited: Promise<void> = Promise.resolve();
    private stopping = false;
    readonly lines: string[] = [];

    constructor(readonly spec: ProcessSpec) {
        if (spec.logFile) mkdirSync(dirname(spec.logFile), { recursive: true });
    }

    get pid(): number | undefined {
        return this.child?.pid;
    }

    get running(): boolean {
        return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
    }

    start(): void {
        const [cmd, ...args] = this.spec.command;
        if (!cmd) throw new Error(`${this.spec.name}: empty command`);
        this.stopping = false;
        const env = Object.fromEntries(Object.entries(this.spec.env).filter(([, v]) => v !== undefined)) as Record<
            string,
            string
        >;
        const child = spawn(cmd, args, { cwd: this.spec.cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
        this.child = child;
        const onData = (chunk: Buffer) => {
            for (const line of chunk.toString("utf8").split("\n")) {
                if (!line.trim()) continue;
                this.lines.push(line);
                if (this.lines.length > TAIL) this.lines.shift();
                if (this.spec.logFile) appendFileSync(this.spec.logFile, `${line}\n`);
                this.spec.onLine?.(line);
            }
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", onData);
        this.exited = new Promise((resolve) => {
            child.once("exit", (code, signal) => {
                if (!this.stopping) {
                    this.spec.onUnexpectedExit?.({ name: this.spec.name, code, signal, lastLines: [...this.lines] });
                }
                resolve();
            });
        });
    }

    /** SIGTERM to the process group, SIGKILL after `graceMs`. */
    async stop(graceMs = 5_000): Promise<void> {
        if (!this.running) return;
        this.stopping = true;
        this.signalGroup("SIGTERM");
        const timer = setTimeout(() => this.signalGroup("SIGKILL"), graceMs);
        await this.exited;
        clearTimeout(timer);
    }

    /** `kill -9`, as crash tests do. */
    async kill9(): Promise<void> {
        if (!this.running) return;
        this.stopping = true;
        this.signalGroup("SIGKILL");
        await this.exited;
    }

    /** Synchronous last-resort kill used from process exit handlers. */
    killNow(): void {
        if (!this.running) return;
        this.stopping = true;
        this.signalGroup("SIGKILL");
    }

    tail(n = 20): string[] {
        return this.lines.slice(-n);
    }

    private signalGroup(signal: NodeJS.Signals): void {
        const pid = this.child?.pid;
        if (pid) signalProcessGroup(pid, signal);
    }
}

/** Signals the process group `pid` leads (each part runs in its own), or the process alone; quiet if gone. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        try {
            process.kill(pid, signal);
        } catch {
            // already gone
        }
    }
}
