import { describe, expect, it } from "vitest";
import type { PhoneMessage, SandboxConversation } from "../support/twilio";
import type { ActOnRecord, DhqLeadRecord, FloorForceRecord, RlmLeadRecord } from "../support/vendors";
import { countLead, type FaultWindow, type LeadCase, postsByKey, type SandboxRecords } from "./lead-records";

const LEAD = "11111111-1111-4111-8111-111111111111";
const PHONE = "+13125550199";
const TEXT = "Reliability text RelAbc";
const T0 = Date.parse("2026-12-03T10:00:00.000Z");

const web2text: LeadCase = { type: "WEB2TEXT", id: LEAD, key: PHONE, tag: "RelAbc", request: {}, texts: [TEXT] };
const acton: LeadCase = { type: "ACTON", id: LEAD, key: "Ann@Example.com", tag: "", request: {}, texts: [] };

const note = (message: string, key: string) => ({
    note_id: 1,
    sender_name: "Casey",
    sender_phone: PHONE,
    message: `\n\n${message}`,
    date: "2026-12-03T10:00:00Z",
    idempotencyKey: key,
    replays: 0,
});
const rlmLead = (notes = [note(TEXT, `${LEAD}:RLM:IM1`)]): RlmLeadRecord => ({
    lead_id: 1,
    lead_uuid: "u-1",
    apiKey: "k",
    lead: { first_name: "Casey", last_name: "RelAbc", phone: PHONE },
    notes,
    idempotencyKey: `${LEAD}:RLM:create`,
    replays: 0,
});
const dhqLead = (): DhqLeadRecord => ({
    id: "d-1",
    retailerId: "r",
    inquiry: { inquiry: { external_id: LEAD, name: "Casey RelAbc" } },
    comments: [{ id: 1, body: `**| Casey**\n\n${TEXT}`, author_id: 1, idempotencyKey: `${LEAD}:DHQ:IM1`, replays: 0 }],
    idempotencyKey: `${LEAD}:DHQ:create`,
    replays: 0,
});
const system = (sid: string, kind: string) => ({
    sid,
    author: "system",
    body: `${kind} text`,
    attributes: { SystemMessage: true, LeadId: LEAD, Kind: kind },
});
const thread = (
    messages: SandboxConversation["messages"] = [system("IM8", "DealerGreeting"), system("IM9", "CustomerGreeting")],
): SandboxConversation => ({
    sid: "CH1",
    uniqueName: null,
    friendlyName: null,
    state: "active",
    attributes: { LeadIds: [LEAD] },
    timers: { inactive: null, closed: null },
    participants: [],
    messages: [...messages, { sid: "IM1", author: PHONE, body: TEXT, attributes: {} }],
    webhooks: [],
});
const greetingToCustomer: PhoneMessage[] = [{ from: "+13125550100", to: PHONE, body: "CustomerGreeting text" }];
const actOnRecord = (writes: number, listId = "l-1"): ActOnRecord => ({
    listId,
    id: `${listId}:1`,
    email: "ann@example.com",
    fields: {},
    writes,
    idempotencyKeys: Array.from({ length: writes }, () => `${LEAD}:ActOn:create`),
    replays: 0,
});
const form = (): FloorForceRecord => ({
    id: 1,
    fields: { "E-mail Address": "Ann@Example.com" },
    idempotencyKey: `${LEAD}:FloorForce:create`,
    replays: 0,
});

function records(parts: Partial<SandboxRecords> = {}): SandboxRecords {
    return {
        acton: [actOnRecord(1)],
        forms: [form()],
        rlm: [rlmLead()],
        dhq: [dhqLead()],
        threads: [thread()],
        posts: new Map(),
        ...parts,
    };
}

/** The records with the lead's thread holding both greetings, the customer's text and `extra`. */
const withThread = (...extra: SandboxConversation["messages"]) =>
    records({ threads: [thread([system("IM8", "DealerGreeting"), system("IM9", "CustomerGreeting"), ...extra])] });

const kill: FaultWindow = {
    cause: "kill -9 of the lead processor",
    label: "kill 1/2",
    from: T0 + 1_000,
    to: T0 + 2_000,
};
const judge = (lead: LeadCase, s: SandboxRecords, faults: FaultWindow[] = [], inbox = greetingToCustomer) =>
    countLead(lead, s, inbox, faults);

describe("counting one lead's records", () => {
    it("finds nothing wrong with a WEB2TEXT lead that made each record once", () => {
        expect(judge(web2text, records())).toEqual({ lost: [], duplicated: [], vendorRepeats: [] });
    });

    it("calls a missing record lost, not duplicated", () => {
        const verdict = judge(web2text, records({ dhq: [] }));
        expect(verdict.lost).toEqual([
            "DHQ lead: 0 of 1",
            'DHQ comment of customer text "Reliability text RelAbc": 0 of 1',
        ]);
        expect(verdict.duplicated).toEqual([]);
    });

    it("counts a customer text copied twice as RLM notes, even under two different keys", () => {
        const twice = rlmLead([note(TEXT, `${LEAD}:RLM:IM1`), note(TEXT, `${LEAD}:RLM:other`)]);
        const s = records({ rlm: [twice], posts: new Map([[`${LEAD}:RLM:IM1`, [T0]]]) });
        const verdict = judge(web2text, s, [kill]);
        expect(verdict.duplicated).toEqual([
            expect.stringMatching(
                /^RLM note of customer text "Reliability text RelAbc" 2× but 1 write\(s\).*product bug$/,
            ),
        ]);
        expect(verdict.vendorRepeats).toEqual([]);
    });

    it("fails a greeting sent twice whatever happened in between (the product's own message)", () => {
        const s = withThread(system("IM7", "CustomerGreeting"));
        expect(judge(web2text, s, [kill]).duplicated).toEqual([
            "customer greeting 2× (the product's own: exactly once)",
        ]);
    });

    it("fails a customer text in the thread twice and a text the customer received twice", () => {
        const s = withThread({ sid: "IM2", author: PHONE, body: TEXT, attributes: {} });
        const twiceTexted = [...greetingToCustomer, ...greetingToCustomer];
        expect(judge(web2text, s, [], twiceTexted).duplicated).toEqual([
            "text to the customer 2× (the product's own: exactly once)",
            'customer text "Reliability text RelAbc" in the thread 2× (the product\'s own: exactly once)',
        ]);
    });

    describe("a vendor record made twice", () => {
        const twoRlmLeads = (posts: number[]) =>
            records({ rlm: [rlmLead(), rlmLead([])], posts: new Map([[`${LEAD}:RLM:create`, posts]]) });

        it("is a vendor repeat when both POSTs carried its key and a kill lies between them", () => {
            const verdict = judge(web2text, twoRlmLeads([T0 + 900, T0 + 2_500]), [kill]);
            expect(verdict.duplicated).toEqual([]);
            expect(verdict.vendorRepeats).toEqual([
                {
                    leadId: LEAD,
                    vendor: "RLM",
                    what: "RLM lead",
                    times: 2,
                    cause: "kill -9 of the lead processor",
                    why: `2 write(s) with Idempotency-Key ${LEAD}:RLM:create at 10:00:00.900, 10:00:02.500; kill 1/2 (10:00:01.000–10:00:02.000) in between`,
                },
            ]);
        });

        it("is a product bug when no fault lies between its POSTs", () => {
            const verdict = judge(web2text, twoRlmLeads([T0 + 2_100, T0 + 2_200]), [kill]);
            expect(verdict.vendorRepeats).toEqual([]);
            expect(verdict.duplicated).toEqual([
                expect.stringMatching(
                    /^RLM lead 2×, 2 write\(s\) .* no kill, restart or timeout between them: a product bug$/,
                ),
            ]);
        });

        it("is a product bug when fewer POSTs carried its key than records exist", () => {
            const verdict = judge(web2text, twoRlmLeads([T0 + 900]), [kill]);
            expect(verdict.duplicated).toEqual([expect.stringContaining("separate writes, a product bug")]);
        });
    });

    describe("an ACTON lead", () => {
        const posts = new Map([[`${LEAD}:ActOn:create`, [T0 + 500, T0 + 1_500]]]);

        it("finds nothing wrong with one record written once and one form", () => {
            expect(judge(acton, records())).toEqual({ lost: [], duplicated: [], vendorRepeats: [] });
        });

        it("counts a second ActOn write across a kill as a vendor repeat (merged into one record)", () => {
            const verdict = judge(acton, records({ acton: [actOnRecord(2)], posts }), [kill]);
            expect(verdict.duplicated).toEqual([]);
            expect(verdict.vendorRepeats.map((r) => `${r.vendor}: ${r.what} ${r.times}×`)).toEqual([
                "ActOn: ActOn write 2×",
            ]);
        });

        it("fails a record on a second list and a lost FloorForce form", () => {
            const verdict = judge(
                acton,
                records({ acton: [actOnRecord(1), actOnRecord(1, "l-2")], forms: [], posts }),
                [kill],
            );
            expect(verdict.duplicated).toEqual(["ActOn record 2× (the product's own: exactly once)"]);
            expect(verdict.lost).toEqual(["FloorForce form: 0 of 1"]);
        });
    });
});

describe("postsByKey", () => {
    it("keeps the writes (POST, and ActOn's upsert PUT) that carried an Idempotency-Key, by key", () => {
        const calls: { method: string; at: string; headers: Record<string, string> }[] = [
            { method: "POST", at: "2026-12-03T10:00:00.000Z", headers: { "idempotency-key": "a" } },
            { method: "GET", at: "2026-12-03T10:00:01.000Z", headers: { "idempotency-key": "a" } },
            { method: "POST", at: "2026-12-03T10:00:02.000Z", headers: {} },
            { method: "POST", at: "2026-12-03T10:00:03.000Z", headers: { "idempotency-key": "a" } },
            { method: "PUT", at: "2026-12-03T10:00:04.000Z", headers: { "idempotency-key": "b" } },
        ];
        expect(postsByKey(calls)).toEqual(
            new Map([
                ["a", [T0, T0 + 3_000]],
                ["b", [T0 + 4_000]],
            ]),
        );
    });
});
