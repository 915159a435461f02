/** One call a vendor stand-in received, as tests and people read it back from `GET /__sandbox/calls`. */
export interface CallRecord {
    seq: number;
    at: string;
    service: string;
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: unknown;
}

/** Records every call to a vendor stand-in, in arrival order. */
export class Recorder {
    private readonly calls: CallRecord[] = [];
    private seq = 0;

    record(call: Omit<CallRecord, "seq" | "at">): void {
        this.seq += 1;
        this.calls.push({ ...call, seq: this.seq, at: new Date().toISOString() });
        if (this.calls.length > 200_000) this.calls.splice(0, 50_000);
    }

    list(filter: { service?: string | undefined; since?: number | undefined } = {}): CallRecord[] {
        return this.calls.filter(
            (c) => (!filter.service || c.service === filter.service) && (!filter.since || c.seq > filter.since),
        );
    }

    clear(): void {
        this.calls.length = 0;
    }
}
