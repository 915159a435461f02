/**
 * What one lead made, counted from what the sandbox holds, and judged (pure: `settleAndCount` reads the
 * sandbox, this decides). Every record a lead should have made once is an {@link Expectation}: fewer is
 * *lost*, more is *duplicated* — unless it is a write to a vendor that documents no idempotency (RLM, DealerHQ,
 * ActOn, FloorForce) whose POSTs all carried one Idempotency-Key with a kill, restart or client timeout between
 * them: the vendor processed a write whose answer was lost, a *vendor repeat* (at-least-once by the vendor's
 * documentation). What the product controls — conversations, greetings, texts — has no such excuse.
 */
import type { PhoneMessage, SandboxConversation } from "../support/twilio";
import type { ActOnRecord, DhqLeadRecord, FloorForceRecord, RlmLeadRecord } from "../support/vendors";
import type { VendorRepeat } from "./scorecard";

/** A lead as the scenarios make it. */
export interface LeadCase {
    type: "ACTON" | "WEB2TEXT";
    id: string;
    /** ACTON: the e-mail its ActOn and FloorForce records carry. WEB2TEXT: the customer's number. */
    key: string;
    /** WEB2TEXT: the customer's last name, how its RLM record is told apart. */
    tag: string;
    request: unknown;
    /** WEB2TEXT: what the customer texted into the thread (each body unique in the run). */
    texts: string[];
}

/** A stretch of time in which the answer to a vendor write could be lost: a kill, a restart, a timeout. */
export interface FaultWindow {
    /** The kind of fault, e.g. "kill -9 of the lead processor". */
    cause: string;
    /** This one, e.g. "kill 2/3 of the lead processor". */
    label: string;
    /** Epoch ms. */
    from: number;
    to: number;
}

/** Vendors that document no idempotency: a repeat there can be at-least-once, never at the product's own. */
export type Vendor = "RLM" | "DHQ" | "ActOn" | "FloorForce";

/** One thing a lead must have made `expected` times. */
export interface Expectation {
    what: string;
    found: number;
    expected: number;
    /** Set for a vendor write: the vendor and the Idempotency-Key every attempt of that write carries. */
    vendorWrite?: { vendor: Vendor; key: string };
}

/** Everything the sandbox holds that lead records are counted in. */
export interface SandboxRecords {
    acton: ActOnRecord[];
    forms: FloorForceRecord[];
    rlm: RlmLeadRecord[];
    dhq: DhqLeadRecord[];
    threads: SandboxConversation[];
    /** Per Idempotency-Key, when each POST that carried it reached the vendor (epoch ms). */
    posts: Map<string, number[]>;
}

export interface LeadVerdict {
    lost: string[];
    duplicated: string[];
    vendorRepeats: VendorRepeat[];
}

const isPhone = (author: string | null) => author !== null && /^\+\d{8,15}$/.test(author);

/** The Idempotency-Key the product sends for a lead's write (`<LeadId>:<Integration>:<item>`). */
const writeKey = (leadId: string, vendor: Vendor, item: string) => `${leadId}:${vendor}:${item}`;

/** What `lead` should have made, with what the sandbox holds of each; `inbox` is what its customer received. */
export function expectationsOf(lead: LeadCase, s: SandboxRecords, inbox: PhoneMessage[]): Expectation[] {
    const write = (vendor: Vendor, item: string) => ({ vendor, key: writeKey(lead.id, vendor, item) });
    if (lead.type === "ACTON") {
        const records = s.acton.filter((r) => r.email === lead.key.toLowerCase());
        return [
            // The product writes with ActOn's upsert by e-mail: one record per e-mail and list, exactly once.
            { what: "ActOn record", found: records.length, expected: 1 },
            ...(records.length
                ? [
                      {
                          what: "ActOn write",
                          found: records.reduce((n, r) => n + r.writes, 0),
                          expected: 1,
                          vendorWrite: write("ActOn", "create"),
                      },
                  ]
                : []),
            {
                what: "FloorForce form",
                found: s.forms.filter((f) => f.fields["E-mail Address"] === lead.key).length,
                expected: 1,
                vendorWrite: write("FloorForce", "create"),
            },
        ];
    }
    const rlmLeads = s.rlm.filter((r) => r.lead.last_name === lead.tag);
    const dhqLeads = s.dhq.filter((r) => r.inquiry.inquiry.external_id === lead.id);
    const own = s.threads.filter((c) => c.attributes.LeadIds.includes(lead.id));
    const messages = own.flatMap((c) => c.messages);
    const system = messages.filter((m) => m.attributes.SystemMessage === true && m.attributes.LeadId === lead.id);
    const ofKind = (kind: string) => system.filter((m) => m.attributes.Kind === kind).length;
    const notes = rlmLeads.flatMap((r) => r.notes.map((n) => n.message));
    const comments = dhqLeads.flatMap((r) => r.comments.map((c) => c.body));
    return [
        { what: "RLM lead", found: rlmLeads.length, expected: 1, vendorWrite: write("RLM", "create") },
        { what: "DHQ lead", found: dhqLeads.length, expected: 1, vendorWrite: write("DHQ", "create") },
        { what: "conversation", found: own.length, expected: 1 },
        { what: "dealer greeting", found: ofKind("DealerGreeting"), expected: 1 },
        { what: "customer greeting", found: ofKind("CustomerGreeting"), expected: 1 },
        { what: "text to the customer", found: inbox.length, expected: 1 },
        ...lead.texts.flatMap((body): Expectation[] => {
            const inThread = messages.filter((m) => isPhone(m.author) && m.body === body);
            const sid = inThread[0]?.sid ?? "(not in the thread)";
            const text = `customer text "${body}"`;
            return [
                { what: `${text} in the thread`, found: inThread.length, expected: 1 },
                {
                    what: `RLM note of ${text}`,
                    found: notes.filter((n) => n.includes(body)).length,
                    expected: 1,
                    vendorWrite: write("RLM", sid),
                },
                {
                    what: `DHQ comment of ${text}`,
                    found: comments.filter((c) => c.includes(body)).length,
                    expected: 1,
                    vendorWrite: write("DHQ", sid),
                },
            ];
        }),
    ];
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/** Judges a lead's expectations: lost, duplicated, or a vendor repeat that a fault in `faults` explains. */
export function judgeLead(
    leadId: string,
    expectations: Expectation[],
    posts: Map<string, number[]>,
    faults: readonly FaultWindow[],
): LeadVerdict {
    const verdict: LeadVerdict = { lost: [], duplicated: [], vendorRepeats: [] };
    for (const e of expectations) {
        if (e.found < e.expected) verdict.lost.push(`${e.what}: ${e.found} of ${e.expected}`);
        if (e.found <= e.expected) continue;
        if (!e.vendorWrite) {
            verdict.duplicated.push(`${e.what} ${e.found}× (the product's own: exactly once)`);
            continue;
        }
        const { vendor, key } = e.vendorWrite;
        const times = [...(posts.get(key) ?? [])].sort((a, b) => a - b);
        const first = times[0] ?? 0;
        const last = times.at(-1) ?? 0;
        const between = faults.filter((f) => f.from <= last && f.to >= first);
        const postsSeen = `${times.length} write(s) with Idempotency-Key ${key}${
            times.length ? ` at ${times.map(clock).join(", ")}` : ""
        }`;
        if (times.length < e.found) {
            verdict.duplicated.push(`${e.what} ${e.found}× but ${postsSeen}: separate writes, a product bug`);
        } else if (between.length < e.found - e.expected) {
            verdict.duplicated.push(
                `${e.what} ${e.found}×, ${postsSeen} and no kill, restart or timeout between them: a product bug`,
            );
        } else {
            verdict.vendorRepeats.push({
                leadId,
                vendor,
                what: e.what,
                times: e.found,
                cause: [...new Set(between.map((f) => f.cause))].join(", "),
                why: `${postsSeen}; ${between.map((f) => `${f.label} (${clock(f.from)}–${clock(f.to)})`).join(", ")} in between`,
            });
        }
    }
    return verdict;
}

/** What `lead` made, judged: its expectations against the sandbox's records and the run's faults. */
export function countLead(
    lead: LeadCase,
    records: SandboxRecords,
    inbox: PhoneMessage[],
    faults: readonly FaultWindow[],
): LeadVerdict {
    return judgeLead(lead.id, expectationsOf(lead, records, inbox), records.posts, faults);
}

/**
 * Per Idempotency-Key, when each write that carried it reached a vendor, from the sandbox's call records: POSTs,
 * and the PUT of ActOn's upsert by e-mail (a repeated upsert must be judged like a repeated POST).
 */
export function postsByKey(calls: readonly { method: string; at: string; headers: Record<string, string> }[]) {
    const posts = new Map<string, number[]>();
    for (const call of calls) {
        const key = call.headers["idempotency-key"];
        if ((call.method !== "POST" && call.method !== "PUT") || !key) continue;
        posts.set(key, [...(posts.get(key) ?? []), Date.parse(call.at)]);
    }
    return posts;
}
