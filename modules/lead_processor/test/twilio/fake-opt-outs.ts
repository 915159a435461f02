/** An in-memory `<PREFIX>_Web2Text_OptedOutNumbers`, for the Twilio integration and opt-out tests. */
import type { OptOutStore } from "../../src/db/opt-out-records";
import type { OptedOutNumberRecord, OptOutRegistry } from "../../src/db/opted-out-numbers.table";

export class FakeOptOuts implements OptOutRegistry, OptOutStore {
    readonly records = new Map<string, OptedOutNumberRecord>();
    /** Every write (put or delete), in order. */
    readonly writes: string[] = [];

    /** Records that `phone` opted out from `poolNumber`, as an earlier STOP would have. */
    seed(phone: string, poolNumber: string): void {
        this.records.set(phone, {
            PhoneNumber: phone,
            OptedOutNumbers: { [poolNumber]: { DateOptedOut: "2026-03-01T00:00:00.000Z", OptOutRequest: {} } },
        });
    }

    /** The pool numbers `phone` is recorded as opted out from. */
    poolNumbersOf(phone: string): string[] {
        return Object.keys(this.records.get(phone)?.OptedOutNumbers ?? {});
    }

    async isOptedOut(phone: string): Promise<boolean> {
        return this.records.has(phone);
    }

    async get(phone: string): Promise<OptedOutNumberRecord | undefined> {
        return this.records.get(phone);
    }

    async put(record: OptedOutNumberRecord): Promise<void> {
        this.writes.push(`put ${record.PhoneNumber}`);
        this.records.set(record.PhoneNumber, record);
    }

    async delete(phone: string): Promise<void> {
        this.writes.push(`delete ${phone}`);
        this.records.delete(phone);
    }
}
