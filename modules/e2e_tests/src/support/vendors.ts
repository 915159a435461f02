import type { CallRecord, FaultRequest } from "sandbox";
import { z } from "zod";
import { stack } from "./api";

/** What the sandbox stand-ins created, as `GET /__sandbox/{service}/records` lists it (each with its key). */
const Keyed = { idempotencyKey: z.string().optional(), replays: z.number().int() };

export const RlmNoteRecord = z.looseObject({
    note_id: z.number(),
    sender_name: z.string(),
    sender_phone: z.string(),
    message: z.string(),
    date: z.string(),
    ...Keyed,
});
export const RlmLeadRecord = z.looseObject({
    lead_id: z.number(),
    lead_uuid: z.string(),
    apiKey: z.string(),
    lead: z.looseObject({ first_name: z.string(), last_name: z.string(), phone: z.string() }),
    notes: z.array(RlmNoteRecord),
    ...Keyed,
});
export type RlmLeadRecord = z.output<typeof RlmLeadRecord>;

export const DhqCommentRecord = z.looseObject({ id: z.number(), body: z.string(), author_id: z.number(), ...Keyed });
export const DhqLeadRecord = z.looseObject({
    id: z.string(),
    retailerId: z.string(),
    inquiry: z.looseObject({ inquiry: z.looseObject({ external_id: z.string().optional(), name: z.string() }) }),
    comments: z.array(DhqCommentRecord),
    ...Keyed,
});
export type DhqLeadRecord = z.output<typeof DhqLeadRecord>;

export const ActOnRecord = z.looseObject({
    listId: z.string(),
    id: z.string(),
    email: z.string(),
    fields: z.record(z.string(), z.string()),
    writes: z.number().int(),
    idempotencyKeys: z.array(z.string()),
    replays: z.number().int(),
});
export type ActOnRecord = z.output<typeof ActOnRecord>;

export const FloorForceRecord = z.looseObject({
    id: z.number(),
    fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    ...Keyed,
});
export type FloorForceRecord = z.output<typeof FloorForceRecord>;

/** One conversation as `GET /__sandbox/conversations` shows it (only what the tests read). */
export const SandboxConversation = z.looseObject({
    sid: z.string(),
    state: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    participants: z.array(
        z.looseObject({
            role: z.string(),
            identity: z.string().nullable(),
            address: z.string().nullable(),
            proxyAddress: z.string().nullable(),
        }),
    ),
    messages: z.array(
        z.looseObject({
            sid: z.string(),
            author: z.string().nullable(),
            body: z.string().nullable(),
            attributes: z.record(z.string(), z.unknown()),
        }),
    ),
    webhooks: z.array(z.looseObject({ url: z.string() })),
});
export type SandboxConversation = z.output<typeof SandboxConversation>;

async function getJson(url: string): Promise<unknown> {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
}

async function send(method: "POST" | "DELETE", url: string, body?: unknown): Promise<unknown> {
    const res = await fetch(url, {
        method,
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
}

/**
 * The vendor side of a sandbox, as tests read and steer it: what each stand-in created (records), every call
 * it received (calls), the fault switch, and the Twilio phones and conversations.
 */
export class SandboxVendors {
    constructor(readonly baseUrl: string) {}

    /** RLM leads, each with its notes. */
    async rlm(): Promise<RlmLeadRecord[]> {
        return z.array(RlmLeadRecord).parse(await getJson(`${this.baseUrl}/__sandbox/rlm/records`));
    }

    /** DealerHQ leads (one per store inquiry that created one), each with its comments. */
    async dhq(): Promise<DhqLeadRecord[]> {
        return z.array(DhqLeadRecord).parse(await getJson(`${this.baseUrl}/__sandbox/dhq/records`));
    }

    /** ActOn list records, one per list and e-mail, with how many posts wrote each. */
    async actOn(): Promise<ActOnRecord[]> {
        return z.array(ActOnRecord).parse(await getJson(`${this.baseUrl}/__sandbox/acton/records`));
    }

    /** FloorForce forms, one per accepted post. */
    async floorForce(): Promise<FloorForceRecord[]> {
        return z.array(FloorForceRecord).parse(await getJson(`${this.baseUrl}/__sandbox/floorforce/records`));
    }

    /** Calls a vendor stand-in received (after sequence number `since`), faulted ones included. */
    async calls(service: string, since = 0): Promise<CallRecord[]> {
        return (await getJson(`${this.baseUrl}/__sandbox/calls?service=${service}&since=${since}`)) as CallRecord[];
    }

    async fault(fault: FaultRequest): Promise<void> {
        await send("POST", `${this.baseUrl}/__sandbox/faults`, fault);
    }

    async clearFaults(service?: string): Promise<void> {
        await send("DELETE", `${this.baseUrl}/__sandbox/faults${service ? `?service=${service}` : ""}`);
    }

    async conversations(): Promise<SandboxConversation[]> {
        return z.array(SandboxConversation).parse(await getJson(`${this.baseUrl}/__sandbox/conversations`));
    }

    /** A phone texts a pool number (`POST /__sandbox/sms`). */
    async sms(from: string, to: string, body: string): Promise<{ delivered: string; messageSid?: string }> {
        const answer = await send("POST", `${this.baseUrl}/__sandbox/sms`, { from, to, body });
        return z.object({ delivered: z.string(), messageSid: z.string().optional() }).parse(answer);
    }

    /** Adds numbers to the Messaging Service pool (room for many threads to one store). */
    async addPoolNumbers(numbers: string[]): Promise<void> {
        await send("POST", `${this.baseUrl}/__sandbox/pool`, { numbers });
    }
}

/** The vendors of the shared e2e stack. */
export const vendors = () => new SandboxVendors(stack().urls.sandbox);
