import * as restate from "@restatedev/restate-sdk";
import { describe, expect, it } from "vitest";
import type { Integration, IntegrationContext } from "../src/integrations/integration";
import { methodFor, runIntegrations, sameApartFromTimestamps } from "../src/integrations/run-integrations";
import type { IntegrationState } from "../src/lead/lead-schemas";
import type { SubmittedLead } from "../src/lead/lead-state";

const NOW = "2026-11-28T12:00:00.000Z";

/** Just enough of an object context for the loop: a journaled clock and a console. */
const fakeCtx = {
    date: { toJSON: async () => NOW, now: async () => Date.parse(NOW) },
    console: { warn: () => {}, info: () => {} },
} as restate.ObjectContext;

const lead = (integrations: Record<string, IntegrationState> = {}): SubmittedLead => ({
    SchemaVersion: "2.0.0",
    LeadType: "ACTON",
    LeadId: "00000000-0000-4000-8000-000000000001",
    Status: "SYNCING",
    UniversalRetailerId: "00000000-0000-4000-8000-000000000002",
    DateSubmitted: NOW,
    Integrations: integrations,
    Lead: {
        "First Name": "A",
        "Last Name": "B",
        "E-mail Address": "a@b.example",
        "Home Postal Code": "1",
        preferred_location: "X",
    },
});

type Behaviour = (method: string, state: IntegrationState, ic: IntegrationContext) => Promise<IntegrationState>;

/** A fake integration that logs every call into `log` and answers with `behaviour`. */
function fake(name: string, log: string[], behaviour?: Behaviour, shouldRun = true): Integration {
    const answer =
        behaviour ??
        (async (method: string): Promise<IntegrationState> => ({
            SyncStatus: method === "close" ? "CLOSED" : "SYNCED",
            LastSynced: NOW,
        }));
    const call = (method: string) => async (state: IntegrationState, ic: IntegrationContext) => {
        log.push(`${name}.${method}`);
        return answer(method, state, ic);
    };
    return {
        name,
        shouldRun: async () => {
            log.push(`${name}.shouldRun`);
            return shouldRun;
        },
        create: call("create"),
        sync: call("sync"),
        close: call("close"),
    };
}

async function run(operation: "sync" | "close", integrations: Integration[], start = lead(), keepUnchanged = false) {
    const kept: SubmittedLead[] = [];
    const result = await runIntegrations({
        operation,
        lead: start,
        integrations,
        ctx: fakeCtx,
        keep: (l) => {
            kept.push(l);
        },
        keepUnchanged,
    });
    return { result, kept };
}

describe("the integration loop", () => {
    it("runs integrations in declared order and keeps the lead after each one", async () => {
        const log: string[] = [];
        const { result, kept } = await run("sync", [fake("A", log), fake("B", log)]);
        expect(log).toEqual(["A.shouldRun", "A.create", "B.shouldRun", "B.create"]);
        expect(kept.map((l) => Object.keys(l.Integrations))).toEqual([["A"], ["A", "B"]]);
        expect(result.Integrations).toEqual({
            A: { SyncStatus: "SYNCED", LastSynced: NOW },
            B: { SyncStatus: "SYNCED", LastSynced: NOW },
        });
    });

    it("shows each integration the states of the ones before it in the same pass", async () => {
        const log: string[] = [];
        let seen: IntegrationState | undefined;
        const reader = fake("B", log, async (_m, _s, ic) => {
            seen = ic.integrations.A;
            return { SyncStatus: "SYNCED" };
        });
        await run("sync", [fake("A", log), reader]);
        expect(seen).toEqual({ SyncStatus: "SYNCED", LastSynced: NOW });
    });

    it("awaits shouldRun and skips the integration when it says no, leaving its state alone", async () => {
        const log: string[] = [];
        const { result, kept } = await run("sync", [fake("A", log, undefined, false), fake("B", log)]);
        expect(log).toEqual(["A.shouldRun", "B.shouldRun", "B.create"]);
        expect(result.Integrations.A).toBeUndefined();
        expect(kept).toHaveLength(1);
    });

    it("captures a thrown error as ERROR with ErrorInfo, and goes on with the next integration", async () => {
        const log: string[] = [];
        const failing = fake("A", log, async () => {
            throw new Error("vendor said no");
        });
        const { result } = await run("sync", [failing, fake("B", log)]);
        expect(result.Integrations.A).toEqual({
            SyncStatus: "ERROR",
            ErrorInfo: {
                Message: "An error occurred during sync",
                Details: { name: "Error", message: "vendor said no" },
                ErrorDate: NOW,
            },
        });
        expect(result.Integrations.B?.SyncStatus).toBe("SYNCED");
    });

    it("captures a TerminalError (a ctx.run whose retries ran out) as ERROR too", async () => {
        const failing = fake("A", [], async () => {
            throw new restate.TerminalError("gave up after 5 attempts", { errorCode: 500 });
        });
        const { result } = await run("close", [failing], lead({ A: { SyncStatus: "SYNCED", LastSynced: NOW } }));
        expect(result.Integrations.A).toMatchObject({
            SyncStatus: "ERROR",
            LastSynced: NOW,
            ErrorInfo: { Message: "An error occurred during close", Details: { code: 500 } },
        });
    });

    it("lets Restate's suspension and cancellation through instead of recording them", async () => {
        const cancelled = fake("A", [], async () => {
            throw new restate.CancelledError();
        });
        await expect(run("sync", [cancelled])).rejects.toBeInstanceOf(restate.CancelledError);
        const suspended = fake("A", [], async () => {
            throw new restate.RestateError("suspended", { errorCode: 599 });
        });
        await expect(run("sync", [suspended])).rejects.toThrow("suspended");
    });

    it("records ERROR when an integration returns something that is not a state", async () => {
        const broken = fake("A", [], async () => JSON.parse(`{"SyncStatus": "MAYBE"}`));
        const { result } = await run("sync", [broken]);
        expect(result.Integrations.A?.SyncStatus).toBe("ERROR");
    });

    it("removes ErrorInfo once an integration recovers", async () => {
        const start = lead({
            A: { SyncStatus: "ERROR", LastSynced: NOW, ErrorInfo: { Message: "old", ErrorDate: NOW } },
        });
        const recovering = fake("A", [], async (_m, state) => ({ ...state, SyncStatus: "SYNCED" }));
        const { result } = await run("sync", [recovering], start);
        expect(result.Integrations.A).toEqual({ SyncStatus: "SYNCED", LastSynced: NOW });
    });

    it("never touches CLOSED integrations, and close skips those never synced", async () => {
        const log: string[] = [];
        const start = lead({
            A: { SyncStatus: "CLOSED" },
            B: { SyncStatus: "NOT SYNCED" },
            C: { SyncStatus: "ERROR" },
        });
        const integrations = [fake("A", log), fake("B", log), fake("C", log), fake("D", log)];
        await run("close", integrations, start);
        expect(log).toEqual(["C.shouldRun", "C.close"]);
        log.length = 0;
        await run("sync", integrations, start);
        expect(log).toEqual(["B.shouldRun", "B.create", "C.shouldRun", "C.create", "D.shouldRun", "D.create"]);
    });
});

describe("a pass that keeps unchanged states (reconcile)", () => {
    const EARLIER = "2026-11-28T11:00:00.000Z";
    const restamp: Behaviour = async (_m, state) => ({
        ...state,
        LastSynced: NOW,
        ...(state.ErrorInfo ? { ErrorInfo: { ...state.ErrorInfo, ErrorDate: NOW } } : {}),
    });

    it("keeps nothing and returns the same lead when states differ only in their timestamps", async () => {
        const start = lead({
            A: { SyncStatus: "SYNCED", Data: { Ids: ["x"] }, LastSynced: EARLIER },
            B: { SyncStatus: "ERROR", LastSynced: EARLIER, ErrorInfo: { Message: "down", ErrorDate: EARLIER } },
        });
        const { result, kept } = await run("sync", [fake("A", [], restamp), fake("B", [], restamp)], start, true);
        expect(kept).toEqual([]);
        expect(result).toBe(start);
    });

    it("keeps an integration whose state changed, and only that one", async () => {
        const start = lead({
            A: { SyncStatus: "SYNCED", Data: { Ids: ["x"] }, LastSynced: EARLIER },
            B: { SyncStatus: "SYNCED", Data: { Ids: ["y"] }, LastSynced: EARLIER },
        });
        const grows = fake("B", [], async () => ({ SyncStatus: "SYNCED", Data: { Ids: ["y", "z"] }, LastSynced: NOW }));
        const { result, kept } = await run("sync", [fake("A", [], restamp), grows], start, true);
        expect(kept).toHaveLength(1);
        expect(result.Integrations.A?.LastSynced).toBe(EARLIER);
        expect(result.Integrations.B).toEqual({ SyncStatus: "SYNCED", Data: { Ids: ["y", "z"] }, LastSynced: NOW });
    });

    it("compares regardless of key order", () => {
        expect(
            sameApartFromTimestamps(
                { SyncStatus: "SYNCED", Data: { a: 1, b: 2 } },
                { Data: { b: 2, a: 1 }, SyncStatus: "SYNCED", LastSynced: NOW },
            ),
        ).toBe(true);
        expect(sameApartFromTimestamps({ SyncStatus: "SYNCED" }, { SyncStatus: "ERROR" })).toBe(false);
    });
});

describe("which method a pass calls", () => {
    it.each<[IntegrationState, "sync" | "close", string | undefined]>([
        [{ SyncStatus: "NOT SYNCED" }, "sync", "create"],
        [{ SyncStatus: "ERROR" }, "sync", "create"],
        [{ SyncStatus: "ERROR", LastSynced: NOW }, "sync", "sync"],
        [{ SyncStatus: "SYNCED", LastSynced: NOW }, "sync", "sync"],
        [{ SyncStatus: "CLOSED" }, "sync", undefined],
        [{ SyncStatus: "NOT SYNCED" }, "close", undefined],
        [{ SyncStatus: "SYNCED" }, "close", "close"],
        [{ SyncStatus: "ERROR" }, "close", "close"],
        [{ SyncStatus: "CLOSED" }, "close", undefined],
    ])("%j during %s → %s", (state, operation, method) => {
        expect(methodFor(operation, state)).toBe(method);
    });
});
