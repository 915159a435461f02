import { ConfigError, loadConfig } from "common";
import { collectHealth } from "./health-collect";
import { healthEmfLines } from "./health-emf";
import { HealthSettings } from "./health-settings";
import { healthText } from "./health-text";

/** Exit codes of the health commands: thresholds crossed, bad arguments or settings, a source unreadable. */
export const HEALTH_EXIT = { healthy: 0, unhealthy: 1, usage: 2, unreadable: 3 } as const;

const OUTPUTS = { "--emf": "emf", "--json": "json" } as const;
export type HealthOutput = "emf" | "json" | "text";

/** The output an argument list asks for, or a one-line problem. */
export function healthOutput(argv: readonly string[]): HealthOutput | { problem: string } {
    if (argv.length === 0) return "text";
    const [flag, ...rest] = argv;
    if (rest.length > 0) return { problem: `expected at most one flag, got '${argv.join(" ")}'` };
    if (flag === "--emf" || flag === "--json") return OUTPUTS[flag];
    return { problem: `unknown argument '${flag}' (expected --emf or --json)` };
}

/**
 * `health [--emf | --json]`: reads the figures with the settings in `env` and prints them — readable text,
 * the report as JSON, or CloudWatch Embedded Metric Format lines. Text and JSON exit 1 when a threshold is
 * crossed; EMF exits 0 once the figures are printed (the alarms judge them). 2: bad arguments or settings,
 * 3: a source could not be read (the line says which).
 */
export async function runHealth(
    argv: readonly string[],
    env: Record<string, string | undefined>,
    io: { out: (text: string) => void; err: (line: string) => void },
): Promise<number> {
    const output = healthOutput(argv);
    if (typeof output !== "string") {
        io.err(`health: ${output.problem}`);
        return HEALTH_EXIT.usage;
    }
    let settings: HealthSettings;
    try {
        settings = loadConfig("health", HealthSettings, env);
    } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        io.err(`health: bad settings: ${error.problems.join("; ")}`);
        return HEALTH_EXIT.usage;
    }
    let report: Awaited<ReturnType<typeof collectHealth>>;
    try {
        report = await collectHealth(settings);
    } catch (error) {
        io.err(`health: ${error instanceof Error ? error.message : String(error)}`);
        return HEALTH_EXIT.unreadable;
    }
    if (output === "emf") {
        io.out(`${healthEmfLines(report).join("\n")}\n`);
        return HEALTH_EXIT.healthy;
    }
    io.out(output === "json" ? `${JSON.stringify(report, null, 2)}\n` : healthText(report));
    return report.healthy ? HEALTH_EXIT.healthy : HEALTH_EXIT.unhealthy;
}
