/**
 * A fake Restate context for integration tests: `run(name, fn)` calls `fn` and records the step name. Like
 * Restate once a step's retries are spent, any failure other than a TerminalError comes out as a
 * TerminalError. `replay` feeds the results of an earlier attempt back without calling `fn` again, and
 * `killAt` ends the attempt (a non-terminal error, as when the process dies) at the given step index.
 */
import * as restate from "@restatedev/restate-sdk";
import { type IntegrationContext, type IntegrationOperation, passShared } from "../../src/integrations/integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import type { SubmittedLead } from "../../src/lead/lead-state";

export interface FakeContextOptions {
    /** Results of the steps of an earlier attempt, replayed in order without running them. */
    replay?: unknown[];
    /** Step index (0-based) at which the attempt ends abruptly, before the step runs. */
    killAt?: number;
}

/** Thrown by `killAt`: not a TerminalError, so integrations must let it through. */
export class AttemptKilled extends Error {}

export interface FakeContext {
    ctx: restate.ObjectContext;
    /** Names of the steps the code asked for, in order (replayed ones included). */
    steps: string[];
    /** Results of every completed step, in order: the journal to replay after a kill. */
    journal: unknown[];
}

export function fakeContext(options: FakeContextOptions = {}): FakeContext {
    const steps: string[] = [];
    const journal: unknown[] = [];
    let tick = 0;
    const run = async (name: string, action: () => unknown) => {
        const index = steps.length;
        steps.push(name);
        if (options.replay && index < options.replay.length) {
            journal.push(options.replay[index]);
            return options.replay[index];
        }
        if (options.killAt === index) throw new AttemptKilled(`killed at step ${index} (${name})`);
        try {
            const value = await action();
            journal.push(value);
            return value;
        } catch (error) {
            if (error instanceof restate.TerminalError) throw error;
            throw new restate.TerminalError(error instanceof Error ? error.message : String(error));
        }
    };
    const fake = {
        run,
        date: {
            toJSON: async () => new Date(Date.UTC(2026, 2, 3, 12, 0, tick++)).toISOString(),
            now: async () => Date.UTC(2026, 2, 3, 12, 0, tick++),
        },
        console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
    };
    // Test double: only the members integrations use are implemented.
    return { ctx: fake as unknown as restate.ObjectContext, steps, journal };
}

/** An IntegrationContext around a fake context. */
export function integrationContext<L extends SubmittedLead>(
    ctx: restate.ObjectContext,
    lead: L,
    integrations: Record<string, IntegrationState> = lead.Integrations,
    operation: IntegrationOperation = "sync",
): IntegrationContext<L> {
    return { ctx, lead, integrations, operation, shared: passShared() };
}
