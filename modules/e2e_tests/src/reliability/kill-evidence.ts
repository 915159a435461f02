/**
 * Evidence that a kill landed inside work in flight. Just before each kill, the Lead invocations with an
 * attempt running are read from Restate (`sys_invocation`, status `running`); after the scenario, the journal
 * events Restate kept for them (`sys_journal_events`, `TransientError`): an attempt that failed within the
 * kill's window was cut off by it, and the retry replayed its journal from that entry. A kill interrupted work
 * when at least one invocation running at it failed there; a crash scenario in which no kill did cannot fail
 * for the right reason, so it fails.
 */
import { z } from "zod";
import { restateRows, sqlString } from "../support/restate-sql";

const RunningInvocation = z.object({ id: z.string(), handler: z.string(), journal_size: z.coerce.number() });
export type RunningInvocation = z.output<typeof RunningInvocation>;

const JournalFailure = z.object({
    id: z.string(),
    appended_at: z.string(),
    after_journal_entry_index: z.coerce.number(),
});
export type JournalFailure = z.output<typeof JournalFailure>;

const Outcome = z.object({ id: z.string(), status: z.string(), completion_result: z.string().nullable() });
export type Outcome = z.output<typeof Outcome>;

/**
 * The Lead invocations doing work (every handler but `status`, which the suite itself polls) whose attempt is
 * running now: read just before a kill.
 */
export function runningLeadInvocations(adminUrl: string): Promise<RunningInvocation[]> {
    return restateRows(
        adminUrl,
        "SELECT id, target_handler_name AS handler, journal_size FROM sys_invocation " +
            "WHERE target_service_name = 'Lead' AND target_handler_name <> 'status' AND status = 'running'",
        RunningInvocation,
    );
}

/** The failed attempts Restate recorded for `ids`, and where each invocation ended (read after the scenario). */
export async function attemptsOf(
    adminUrl: string,
    ids: readonly string[],
): Promise<{ failures: JournalFailure[]; outcomes: Outcome[] }> {
    if (ids.length === 0) return { failures: [], outcomes: [] };
    const list = [...new Set(ids)].map(sqlString).join(", ");
    const [failures, outcomes] = await Promise.all([
        restateRows(
            adminUrl,
            `SELECT id, appended_at, after_journal_entry_index FROM sys_journal_events WHERE event_type = 'TransientError' AND id IN (${list})`,
            JournalFailure,
        ),
        restateRows(
            adminUrl,
            `SELECT id, status, completion_result FROM sys_invocation WHERE id IN (${list})`,
            Outcome,
        ),
    ]);
    return { failures, outcomes };
}

/** One kill: when it came, how long the part was down, and what was running just before it. */
export interface KillSnapshot {
    label: string;
    /** Epoch ms of the kill. */
    at: number;
    downMs: number;
    running: RunningInvocation[];
}

export interface KillVerdict {
    label: string;
    running: RunningInvocation[];
    /** Running at the kill and failed within its window: each with the journal entry its retry replayed to. */
    interrupted: { id: string; handler: string; entries: number }[];
    /** Of the interrupted, how many completed successfully afterwards. */
    completed: number;
}

/**
 * Which invocations each kill interrupted: running just before it and with a failed attempt recorded from the
 * kill until `graceMs` after the part was back.
 */
export function judgeKills(
    kills: readonly KillSnapshot[],
    failures: readonly JournalFailure[],
    outcomes: readonly Outcome[],
    graceMs = 3_000,
): KillVerdict[] {
    const done = new Set(outcomes.filter((o) => o.completion_result === "success").map((o) => o.id));
    return kills.map((kill) => {
        const interrupted = kill.running.flatMap((inv) => {
            const failure = failures.find((f) => {
                const at = Date.parse(f.appended_at);
                return f.id === inv.id && at >= kill.at && at <= kill.at + kill.downMs + graceMs;
            });
            return failure ? [{ id: inv.id, handler: inv.handler, entries: failure.after_journal_entry_index }] : [];
        });
        return {
            label: kill.label,
            running: kill.running,
            interrupted,
            completed: interrupted.filter((i) => done.has(i.id)).length,
        };
    });
}

const tally = (names: readonly string[]) =>
    [...names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>())]
        .map(([n, c]) => `${c} ${n}`)
        .join(", ");

/** "kill 2/3: 17 Lead invocations running (15 create, 2 sync); 16 cut off and replayed (journal at 4–11), 16 completed". */
export function describeKill(v: KillVerdict): string {
    const running = `${v.running.length} Lead invocation(s) running${
        v.running.length ? ` (${tally(v.running.map((r) => r.handler))})` : ""
    }`;
    if (v.interrupted.length === 0) return `${v.label}: ${running}; none cut off by the kill`;
    const entries = v.interrupted.map((i) => i.entries);
    return `${v.label}: ${running}; ${v.interrupted.length} cut off and replayed (journal at entry ${Math.min(
        ...entries,
    )}–${Math.max(...entries)}: ${tally(v.interrupted.map((i) => i.handler))}), ${v.completed} of them completed since`;
}

/** "2 of 3 kills interrupted an invocation in flight". */
export function killSummary(verdicts: readonly KillVerdict[]): string {
    const hit = verdicts.filter((v) => v.interrupted.length > 0).length;
    return `${hit} of ${verdicts.length} kills interrupted an invocation in flight`;
}
