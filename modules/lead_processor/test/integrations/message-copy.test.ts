import { describe, expect, it } from "vitest";
import { DhqIntegration } from "../../src/integrations/dhq/dhq.integration";
import { type Integration, passShared } from "../../src/integrations/integration";
import { RlmIntegration } from "../../src/integrations/rlm/rlm.integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import type { Web2TextSubmittedLead } from "../../src/lead/types/web2text/web2text.schema";
import { AttemptKilled, fakeContext, integrationContext } from "./fake-context";
import { FakeConversation, FakeDhq, FakeDirectory, FakeRlm, rejected, unavailable } from "./fake-vendors";
import { botpressSynced, message, STORE_PHONE, twilioSynced, web2TextLead } from "./fixtures";

/** RLM and DHQ share one copy mechanism; each case runs against both. */
interface Target {
    name: string;
    integration: Integration<Web2TextSubmittedLead>;
    conversation: FakeConversation;
    /** Posted items: message sid (or "summary") in posting order, read from what the vendor received. */
    posted(): string[];
    /** Every Idempotency-Key the vendor received, repeats included. */
    keys(): string[];
    failFor(sid: string | undefined, kind?: "unavailable" | "rejected"): void;
    synced: IntegrationState;
    endpoint: string;
}

function rlmTarget(): Target {
    const rlm = new FakeRlm();
    const conversation = new FakeConversation();
    let failing: { sid: string; kind: "unavailable" | "rejected" } | undefined;
    rlm.noteFailures.failWhen((note) =>
        matches(failing, note.message) ? (failing?.kind === "rejected" ? rejected : unavailable)("RLM") : undefined,
    );
    return {
        name: "RLM",
        integration: new RlmIntegration({ rlm, directory: new FakeDirectory(), messages: conversation }),
        conversation,
        posted: () => rlm.notes.map((n) => (n.message.includes("Fibi Chatbot") ? "summary" : sidOf(n.message))),
        keys: () => rlm.idempotency.keys,
        failFor: (sid, kind = "unavailable") => {
            failing = sid ? { sid, kind } : undefined;
        },
        synced: {
            SyncStatus: "SYNCED",
            Data: { LeadId: 70001, LeadUUID: "rlm-uuid-1", LocationName: "x", SyncedMessageIds: [] },
            LastSynced: "2026-03-03T10:00:05.000Z",
        },
        endpoint: "RLM note endpoint",
    };
}

function dhqTarget(): Target {
    const dhq = new FakeDhq();
    const conversation = new FakeConversation();
    let failing: { sid: string; kind: "unavailable" | "rejected" } | undefined;
    dhq.commentFailures.failWhen((c) =>
        matches(failing, c.body) ? (failing?.kind === "rejected" ? rejected : unavailable)("DHQ") : undefined,
    );
    return {
        name: "DHQ",
        integration: new DhqIntegration({ dhq, directory: new FakeDirectory(), messages: conversation }),
        conversation,
        posted: () =>
            dhq.comments.map((c) => (c.comment.body.includes("Fibi Chatbot") ? "summary" : sidOf(c.comment.body))),
        keys: () => dhq.idempotency.keys,
        failFor: (sid, kind = "unavailable") => {
            failing = sid ? { sid, kind } : undefined;
        },
        synced: {
            SyncStatus: "SYNCED",
            Data: { LeadId: "880001", SyncedMessageIds: [] },
            LastSynced: "2026-03-03T10:00:05.000Z",
        },
        endpoint: "DHQ comment endpoint",
    };
}

/** Whether a posted text is the one a test made fail: "summary" or a message sid. */
const matches = (failing: { sid: string } | undefined, text: string) =>
    failing !== undefined &&
    (failing.sid === "summary" ? text.includes("Fibi Chatbot") : text.includes(`#${failing.sid}#`));

/** Messages carry their sid in the body as `#<sid>#` so the tests can read back what was posted. */
const sidOf = (text: string) => /#(IM\d+)#/.exec(text)?.[1] ?? "?";
const tagged = (over: Parameters<typeof message>[0] = {}) => {
    const m = message(over);
    return { ...m, body: `${m.body} #${m.sid}#` };
};

const lead = web2TextLead();
const pass = (target: Target, state: IntegrationState, integrations = { Twilio: twilioSynced }) => {
    const fake = fakeContext();
    const ic = integrationContext(fake.ctx, lead, { ...integrations, [target.name]: state });
    return { fake, run: () => target.integration.sync(state, ic) };
};
const ids = (state: IntegrationState) => (state.Data as { SyncedMessageIds: string[] }).SyncedMessageIds;

describe.each([
    ["RLM", rlmTarget],
    ["DHQ", dhqTarget],
])("%s message copy", (_name, makeTarget) => {
    it("copies each message exactly once across repeated syncs, in order, one named step each", async () => {
        const target = makeTarget();
        const [a, b] = [tagged(), tagged({ author: STORE_PHONE })];
        target.conversation.messages.push(a, b);
        const first = pass(target, target.synced);
        const s1 = await first.run();
        expect(s1.SyncStatus).toBe("SYNCED");
        expect(ids(s1)).toEqual([a.sid, b.sid]);
        expect(first.fake.steps).toEqual([
            "List conversation messages",
            `Post ${target.name} ${target.name === "RLM" ? "note" : "comment"} for message ${a.sid}`,
            `Post ${target.name} ${target.name === "RLM" ? "note" : "comment"} for message ${b.sid}`,
        ]);

        const c = tagged();
        target.conversation.messages.push(c);
        const s2 = await pass(target, s1).run();
        const s3 = await pass(target, s2).run();
        expect(ids(s3)).toEqual([a.sid, b.sid, c.sid]);
        expect(target.posted()).toEqual([a.sid, b.sid, c.sid]);
        expect(s3.LastSynced).not.toBe(target.synced.LastSynced);
    });

    it("skips authors that are not phone numbers", async () => {
        const target = makeTarget();
        const [a, bot, b] = [tagged(), tagged({ author: "Broadlume" }), tagged({ author: STORE_PHONE })];
        target.conversation.messages.push(a, bot, b);
        const state = await pass(target, target.synced).run();
        expect(ids(state)).toEqual([a.sid, b.sid]);
        expect(target.posted()).toEqual([a.sid, b.sid]);
    });

    it("stops at the first failure keeping what was copied, then resumes from there", async () => {
        const target = makeTarget();
        const msgs = [tagged(), tagged(), tagged(), tagged()];
        target.conversation.messages.push(...msgs);
        target.failFor(msgs[2]?.sid);
        const failed = await pass(target, target.synced).run();
        expect(failed.SyncStatus).toBe("ERROR");
        expect(failed.ErrorInfo?.Message).toBe(`Error with ${target.endpoint} syncing message '${msgs[2]?.sid}'`);
        expect(failed.ErrorInfo?.Details).toMatchObject({ name: "TerminalError" });
        expect(failed.LastSynced).toBe(target.synced.LastSynced);
        expect(ids(failed)).toEqual([msgs[0]?.sid, msgs[1]?.sid]);

        target.failFor(undefined);
        const resumed = await pass(target, failed).run();
        expect(resumed.SyncStatus).toBe("SYNCED");
        expect(resumed.ErrorInfo).toBeUndefined();
        expect(target.posted()).toEqual(msgs.map((m) => m.sid));
    });

    it("stops the same way on a rejection (4xx)", async () => {
        const target = makeTarget();
        const [a, b] = [tagged(), tagged()];
        target.conversation.messages.push(a, b);
        target.failFor(a.sid, "rejected");
        const failed = await pass(target, target.synced).run();
        expect(failed.ErrorInfo?.Message).toContain(`syncing message '${a.sid}'`);
        expect(ids(failed)).toEqual([]);
        expect(target.posted()).toEqual([]);
    });

    it("posts nothing twice when the attempt dies mid-way and Restate replays the journal", async () => {
        const target = makeTarget();
        const msgs = [tagged(), tagged(), tagged()];
        target.conversation.messages.push(...msgs);
        const ic = (ctx: ReturnType<typeof fakeContext>["ctx"]) =>
            integrationContext(ctx, lead, { Twilio: twilioSynced, [target.name]: target.synced });
        // Attempt 1 dies before step 3 (list, post 1, post 2 done).
        const first = fakeContext({ killAt: 3 });
        await expect(target.integration.sync(target.synced, ic(first.ctx))).rejects.toBeInstanceOf(AttemptKilled);
        expect(target.posted()).toEqual([msgs[0]?.sid, msgs[1]?.sid]);
        // Attempt 2 replays the journal and continues.
        const second = fakeContext({ replay: first.journal });
        const state = await target.integration.sync(target.synced, ic(second.ctx));
        expect(ids(state)).toEqual(msgs.map((m) => m.sid));
        expect(target.posted()).toEqual(msgs.map((m) => m.sid));
    });

    it("posts nothing twice when the vendor stored a post but the process died before the step was journaled", async () => {
        const target = makeTarget();
        const msgs = [tagged(), tagged(), tagged()];
        target.conversation.messages.push(...msgs);
        const ic = (ctx: ReturnType<typeof fakeContext>["ctx"]) =>
            integrationContext(ctx, lead, { Twilio: twilioSynced, [target.name]: target.synced });
        const first = fakeContext({ killAt: 3 });
        await expect(target.integration.sync(target.synced, ic(first.ctx))).rejects.toBeInstanceOf(AttemptKilled);
        // The journal lost the result of post 2 (step 2): attempt 2 runs that step again, with the same key.
        const second = fakeContext({ replay: first.journal.slice(0, 2) });
        const state = await target.integration.sync(target.synced, ic(second.ctx));
        expect(ids(state)).toEqual(msgs.map((m) => m.sid));
        expect(target.posted()).toEqual(msgs.map((m) => m.sid));
        const key = (sid: string | undefined) => `${lead.LeadId}:${target.name}:${sid}`;
        expect(target.keys()).toEqual([key(msgs[0]?.sid), key(msgs[1]?.sid), key(msgs[1]?.sid), key(msgs[2]?.sid)]);
    });

    it("waits for Twilio: ERROR naming Twilio's state, LastSynced kept, nothing listed", async () => {
        const target = makeTarget();
        target.conversation.messages.push(tagged());
        const twilioError: IntegrationState = { SyncStatus: "ERROR", ErrorInfo: { Message: "boom" } };
        const state = await pass(target, target.synced, { Twilio: twilioError }).run();
        expect(state.SyncStatus).toBe("ERROR");
        expect(state.ErrorInfo?.Message).toBe("Twilio integration is ERROR; messages cannot be copied yet");
        expect(state.LastSynced).toBe(target.synced.LastSynced);
        expect(state.Data).toEqual(target.synced.Data);
        expect(target.conversation.listed).toEqual([]);

        const missing = await target.integration.sync(
            target.synced,
            integrationContext(fakeContext().ctx, lead, { [target.name]: target.synced }),
        );
        expect(missing.ErrorInfo?.Message).toBe("Twilio integration is NOT SYNCED; messages cannot be copied yet");
    });

    it("posts the Botpress summary once, before the messages", async () => {
        const target = makeTarget();
        const a = tagged();
        target.conversation.messages.push(a);
        const withBotpress = { Twilio: twilioSynced, Botpress: botpressSynced };
        const s1 = await pass(target, target.synced, withBotpress).run();
        expect(s1.Data).toMatchObject({ SentBotpressSummary: true, SyncedMessageIds: [a.sid] });
        await pass(target, s1, withBotpress).run();
        expect(target.posted()).toEqual(["summary", a.sid]);
    });

    it("retries the summary on the next sync when posting it failed", async () => {
        const target = makeTarget();
        const a = tagged();
        target.conversation.messages.push(a);
        const withBotpress = { Twilio: twilioSynced, Botpress: botpressSynced };
        target.failFor("summary");
        const s1 = await pass(target, target.synced, withBotpress).run();
        expect(s1.SyncStatus).toBe("ERROR");
        expect(s1.ErrorInfo?.Message).toBe(`Error with ${target.endpoint} posting the Botpress summary`);
        expect(s1.LastSynced).toBe(target.synced.LastSynced);
        expect(target.posted()).toEqual([]);

        target.failFor(undefined);
        const s2 = await pass(target, s1, withBotpress).run();
        expect(s2.SyncStatus).toBe("SYNCED");
        expect(target.posted()).toEqual(["summary", a.sid]);
    });

    describe("when the lead closes", () => {
        const closePass = (target: Target, state: IntegrationState, integrations: Record<string, IntegrationState>) => {
            const fake = fakeContext();
            const ic = integrationContext(fake.ctx, lead, { ...integrations, [target.name]: state }, "close");
            return { fake, run: () => target.integration.close(state, ic) };
        };
        const twilioClosed: IntegrationState = {
            ...twilioSynced,
            SyncStatus: "CLOSED",
            Data: { ...(twilioSynced.Data as object), ConversationStatus: "closed" },
        };

        it("copies what arrived since the last sync (the thread already closed), then is CLOSED", async () => {
            const target = makeTarget();
            const [a, b] = [tagged(), tagged()];
            target.conversation.messages.push(a);
            const synced = await pass(target, target.synced).run();
            target.conversation.messages.push(b);
            const closed = await closePass(target, synced, { Twilio: twilioClosed }).run();
            expect(closed.SyncStatus).toBe("CLOSED");
            expect(ids(closed)).toEqual([a.sid, b.sid]);
            expect(target.posted()).toEqual([a.sid, b.sid]);
        });

        it("stays ERROR when the copy fails, so closing again copies and closes it", async () => {
            const target = makeTarget();
            const a = tagged();
            target.conversation.messages.push(a);
            target.failFor(a.sid);
            const failed = await closePass(target, target.synced, { Twilio: twilioClosed }).run();
            expect(failed.SyncStatus).toBe("ERROR");
            expect(failed.ErrorInfo?.Message).toBe(`Error with ${target.endpoint} syncing message '${a.sid}'`);
            target.failFor(undefined);
            const closed = await closePass(target, failed, { Twilio: twilioClosed }).run();
            expect(closed.SyncStatus).toBe("CLOSED");
            expect(target.posted()).toEqual([a.sid]);
        });

        it("closes without copying when no thread was ever opened", async () => {
            const target = makeTarget();
            const closed = await closePass(target, target.synced, {}).run();
            expect(closed).toMatchObject({ SyncStatus: "CLOSED", Data: target.synced.Data });
            expect(target.conversation.listed).toEqual([]);
        });
    });
});

describe("one pass", () => {
    it("lists the conversation once: DHQ copies from the listing RLM made in the same pass", async () => {
        const [rlm, dhq] = [rlmTarget(), dhqTarget()];
        const a = tagged();
        rlm.conversation.messages.push(a); // DHQ's own source stays empty: it is not read
        const fake = fakeContext();
        const shared = passShared();
        const icOf = (name: string, state: IntegrationState) => ({
            ...integrationContext(fake.ctx, lead, { Twilio: twilioSynced, [name]: state }),
            shared,
        });
        await rlm.integration.sync(rlm.synced, icOf("RLM", rlm.synced));
        const copied = await dhq.integration.sync(dhq.synced, icOf("DHQ", dhq.synced));
        expect(ids(copied)).toEqual([a.sid]);
        expect(dhq.posted()).toEqual([a.sid]);
        expect(fake.steps.filter((s) => s.startsWith("List"))).toEqual(["List conversation messages"]);
    });
});
