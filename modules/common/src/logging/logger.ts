import { maskPhonesInText, redact } from "./mask";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
    format: "json" | "pretty";
    level: LogLevel;
    /** Fields added to every line (service name, invocation id…). */
    base?: LogFields;
    sink?: LogSink;
}

/** A small structured logger: JSON lines in production, readable lines locally; phones masked, secrets redacted. */
export class Logger {
    constructor(private readonly options: LoggerOptions) {}

    child(fields: LogFields): Logger {
        return new Logger({ ...this.options, base: { ...this.options.base, ...fields } });
    }

    debug(message: string, fields?: LogFields): void {
        this.write("debug", message, fields);
    }
    info(message: string, fields?: LogFields): void {
        this.write("info", message, fields);
    }
    warn(message: string, fields?: LogFields): void {
        this.write("warn", message, fields);
    }
    error(message: string, fields?: LogFields): void {
        this.write("error", message, fields);
    }

    /** Whether a line at `level` is written (callers skip building fields for lines that are not). */
    enabled(level: LogLevel): boolean {
        return ORDER[level] >= ORDER[this.options.level];
    }

    write(level: LogLevel, message: string, fields?: LogFields): void {
        if (!this.enabled(level)) return;
        const payload = redact({ ...this.options.base, ...fields }) as LogFields;
        const text = maskPhonesInText(message);
        const sink = this.options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
        if (this.options.format === "json") {
            sink(JSON.stringify({ "@timestamp": new Date().toISOString(), level, message: text, ...payload }));
            return;
        }
        const extras = Object.entries(payload)
            .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(" ");
        sink(
            `${new Date().toISOString().slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${text}${extras ? ` ${extras}` : ""}`,
        );
    }
}
