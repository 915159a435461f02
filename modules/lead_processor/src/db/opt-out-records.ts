import type { OptedOutNumberRecord, OptedOutNumbersTable } from "./opted-out-numbers.table";

/**
 * One opt-out entry: when, and the evidence that asked for it — where it was seen (the inbound webhook, a keyword
 * in the conversation, a delivery receipt that failed with 21610) and Twilio's ids, not the message text or the
 * webhook's body. Entries the system this replaces wrote keep the whole body they have.
 */
export interface OptOutEntry {
    DateOptedOut: string;
    OptOutRequest: Record<string, string>;
}

/**
 * The sender's record with the (sender, pool number) opt-out added; the record itself when that pair is
 * already there (the first opt-out's date is kept).
 */
export function withOptOut(
    existing: OptedOutNumberRecord | undefined,
    sender: string,
    poolNumber: string,
    entry: OptOutEntry,
): OptedOutNumberRecord {
    if (existing?.OptedOutNumbers[poolNumber]) return existing;
    return { PhoneNumber: sender, OptedOutNumbers: { ...existing?.OptedOutNumbers, [poolNumber]: entry } };
}

/** What a START does to the sender's record: nothing, delete it (no pair left), or store it without the pair. */
export type OptInChange = { kind: "none" } | { kind: "delete" } | { kind: "put"; record: OptedOutNumberRecord };

/** Removes only the (sender, pool number) pair. */
export function withoutOptOut(existing: OptedOutNumberRecord | undefined, poolNumber: string): OptInChange {
    if (!existing?.OptedOutNumbers[poolNumber]) return { kind: "none" };
    const { [poolNumber]: _removed, ...rest } = existing.OptedOutNumbers;
    if (Object.keys(rest).length === 0) return { kind: "delete" };
    return { kind: "put", record: { ...existing, OptedOutNumbers: rest } };
}

/** `checkOptInStatus`'s answer: `OptInNumbers` lists the numbers the sender opted out from (contract name). */
export function optInStatus(
    record: OptedOutNumberRecord | undefined,
): { Status: "OPTED-IN" } | { Status: "OPTED-OUT"; OptInNumbers: string[] } {
    if (!record) return { Status: "OPTED-IN" };
    return { Status: "OPTED-OUT", OptInNumbers: Object.keys(record.OptedOutNumbers) };
}

/** What recording and lifting opt-outs read and write (`<PREFIX>_Web2Text_OptedOutNumbers`). */
export type OptOutStore = Pick<OptedOutNumbersTable, "get" | "put" | "delete">;

/**
 * The one way an opt-out is recorded, wherever the STOP arrived (inbound webhook, a message in the thread, a
 * 21610 on send): the (sender, pool number) pair is added unless it is already there, so a STOP seen twice is
 * recorded once. True when it was written now. Safe to repeat.
 */
export async function recordOptOut(
    store: OptOutStore,
    sender: string,
    poolNumber: string,
    entry: OptOutEntry,
): Promise<boolean> {
    const existing = await store.get(sender);
    const next = withOptOut(existing, sender, poolNumber, entry);
    if (next === existing) return false;
    await store.put(next);
    return true;
}

/** The one way an opt-out is lifted (START, wherever it arrived): only the (sender, pool number) pair. */
export async function liftOptOut(store: OptOutStore, sender: string, poolNumber: string): Promise<boolean> {
    const change = withoutOptOut(await store.get(sender), poolNumber);
    if (change.kind === "delete") await store.delete(sender);
    if (change.kind === "put") await store.put(change.record);
    return change.kind !== "none";
}
