import type { CallRecord, FaultRequest } from "sandbox";
import { z } from "zod";
import { type StackTarget, sharedTarget } from "./web2text";

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
    fields: z.record(z.string(), z.json()),
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

async function getJson(url: string): Promise<unknown> {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
}

async function send(method: "POST" | "DELETE", url: string, body?: unknown): Promise<void> {
    const res = await fetch(url, {
        method,
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * The lead-tracking and marketing vendors of a sandbox (RLM, DealerHQ, ActOn, FloorForce), as tests read and
 * steer them: what each stand-in created (records), every call it received (calls) and the fault switch.
 * Twilio's conversations and phones are read with `./twilio`.
 */
export class SandboxVendors {
    /** `target` is read at each call, so a stack target filled in later (`useOwnStack`) can be passed now. */
    constructor(private readonly target: Pick<StackTarget, "sandbox">) {}

    private get baseUrl(): string {
        return this.target.sandbox;
    }

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
}

/** The vendors of the shared e2e stack. */
export const vendors = () => new SandboxVendors(sharedTarget());
