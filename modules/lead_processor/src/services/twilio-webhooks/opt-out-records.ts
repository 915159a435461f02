import type { OptedOutNumberRecord } from "../../db/opted-out-numbers.table";

/** One opt-out entry: when, and the webhook body that asked for it. */
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
