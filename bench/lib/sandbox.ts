import type { Target } from "./target";

async function json<T>(res: Response, what: string): Promise<T> {
    const text = await res.text();
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
}

/** Adds numbers to the Messaging Service pool; returns the pool size. */
export async function addPoolNumbers(t: Target, numbers: string[]): Promise<number> {
    const res = await fetch(`${t.sandbox}/__sandbox/pool`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ numbers }),
    });
    return (await json<{ size: number }>(res, "adding pool numbers")).size;
}

/** Texts from a phone to a pool number; inside an open conversation it becomes a message (its sid is returned). */
export async function textAs(t: Target, from: string, to: string, body: string): Promise<string> {
    const res = await fetch(`${t.sandbox}/__sandbox/sms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from, to, body }),
    });
    const out = await json<{ delivered: string; messageSid?: string }>(res, "texting");
    if (out.delivered !== "conversation" || !out.messageSid) {
        throw new Error(`the text went to the ${out.delivered}, not into a conversation`);
    }
    return out.messageSid;
}

/** A copied item (RLM note, DHQ comment) as the sandbox lists it. */
interface CopiedItem {
    idempotencyKey?: string | null;
    replays?: number;
    createdAt?: string;
}

/** How often each message sid was copied to RLM (notes) and DHQ (comments), and how often a copy was replayed. */
export interface CopyCounts {
    rlm: Map<string, number>;
    dhq: Map<string, number>;
    /** Requests answered from a kept answer (a repeated post the idempotency key absorbed). */
    replays: { rlm: number; dhq: number };
    /** When the sandbox stored the newest of these copies (epoch ms). */
    lastCreatedMs: number | undefined;
}

/** The message sid a copy's key names (`<LeadId>:<Integration>:<MessageSid>`). */
export function messageSidOfKey(key: string | null | undefined): string | undefined {
    const last = key?.split(":").at(-1);
    return last && /^IM[0-9a-f]{32}$/i.test(last) ? last : undefined;
}

/** Counts copies per message sid among `sids` from the RLM and DHQ records of the sandbox. */
export async function copyCounts(t: Target, sids: ReadonlySet<string>): Promise<CopyCounts> {
    const [rlm, dhq] = await Promise.all([
        fetch(`${t.sandbox}/__sandbox/rlm/records`).then((r) => json<{ notes?: CopiedItem[] }[]>(r, "RLM records")),
        fetch(`${t.sandbox}/__sandbox/dhq/records`).then((r) => json<{ comments?: CopiedItem[] }[]>(r, "DHQ records")),
    ]);
    const counts: CopyCounts = {
        rlm: new Map(),
        dhq: new Map(),
        replays: { rlm: 0, dhq: 0 },
        lastCreatedMs: undefined,
    };
    const tally = (items: CopiedItem[], into: Map<string, number>, vendor: "rlm" | "dhq") => {
        for (const item of items) {
            const sid = messageSidOfKey(item.idempotencyKey);
            if (!sid || !sids.has(sid)) continue;
            into.set(sid, (into.get(sid) ?? 0) + 1);
            counts.replays[vendor] += item.replays ?? 0;
            const at = item.createdAt ? Date.parse(item.createdAt) : Number.NaN;
            if (Number.isFinite(at) && (counts.lastCreatedMs === undefined || at > counts.lastCreatedMs)) {
                counts.lastCreatedMs = at;
            }
        }
    };
    for (const lead of rlm) tally(lead.notes ?? [], counts.rlm, "rlm");
    for (const lead of dhq) tally(lead.comments ?? [], counts.dhq, "dhq");
    return counts;
}

/** Missing (never copied) and duplicated (copied more than once) sids of one vendor. */
export function copyVerdict(sids: ReadonlySet<string>, counts: Map<string, number>) {
    let missing = 0;
    let duplicated = 0;
    for (const sid of sids) {
        const n = counts.get(sid) ?? 0;
        if (n === 0) missing++;
        if (n > 1) duplicated++;
    }
    return { missing, duplicated };
}

/** A request the sandbox recorded. */
export interface RecordedCall {
    seq: number;
    service: string;
    path?: string;
    body: unknown;
}

/** Calls the sandbox recorded after `since` (every vendor, or one `service`). */
export async function recordedCalls(t: Target, since: number, service?: string): Promise<RecordedCall[]> {
    const query = new URLSearchParams({ since: String(since), ...(service ? { service } : {}) });
    return json<RecordedCall[]>(await fetch(`${t.sandbox}/__sandbox/calls?${query}`), "recorded calls");
}

/** Highest sequence number seen so far per sandbox, so each look-up only fetches the calls after it. */
const knownSeq = new Map<string, number>();

/** The highest sequence number the sandbox recorder has handed out so far. */
export async function lastCallSeq(t: Target): Promise<number> {
    const since = knownSeq.get(t.sandbox) ?? 0;
    const calls = await recordedCalls(t, since);
    const seq = Math.max(since, calls.at(-1)?.seq ?? 0);
    knownSeq.set(t.sandbox, seq);
    return seq;
}
