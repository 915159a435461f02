/** In-memory stand-ins of the vendor clients and the conversation, with switchable failures. */
import type { ActOnWrittenRecord } from "../../src/clients/acton/acton.schemas";
import type { BotpressConversationRow } from "../../src/clients/botpress/botpress.schemas";
import type { DhqComment, DhqStoreInquiry, DhqSubmittedInquiry } from "../../src/clients/dhq/dhq.schemas";
import { VendorError } from "../../src/clients/http";
import type { RlmCreatedLead, RlmLead, RlmLocationMapping, RlmNote } from "../../src/clients/rlm/rlm.schemas";
import type { ConversationMessage, ConversationMessageSource } from "../../src/clients/twilio/conversations.types";
import type {
    DirectoryLocation,
    DirectoryRetailer,
    RetailerDirectory,
} from "../../src/integrations/shared/retailer-directory";

/** Fails the calls for which `when` answers true (by default: none). */
export class Failures<A> {
    private rule: ((arg: A) => VendorError | undefined) | undefined;

    failWhen(rule: ((arg: A) => VendorError | undefined) | undefined): void {
        this.rule = rule;
    }

    check(arg: A): void {
        const error = this.rule?.(arg);
        if (error) throw error;
    }
}

/**
 * Honours idempotency keys like the sandbox stand-ins: the first call with a key runs; a repeat returns the
 * first result and stores nothing. `keys` lists every key received, repeats included. Can lose answers after
 * storing, as a timeout or a crash before the journal entry does.
 */
export class Idempotency {
    readonly keys: string[] = [];
    private readonly results = new Map<string, unknown>();
    private lost = 0;

    /** The next `count` new writes are stored but their answers are lost (the caller sees a 503). */
    loseNextAnswers(count: number): void {
        this.lost = count;
    }

    async run<T>(key: string, create: () => T): Promise<T> {
        this.keys.push(key);
        if (this.results.has(key)) return this.results.get(key) as T;
        const result = create();
        this.results.set(key, result);
        if (this.lost > 0) {
            this.lost -= 1;
            throw new VendorError("fake", "unavailable", "stored, but the answer was lost", 503);
        }
        return result;
    }
}

export const unavailable = (vendor: string) => new VendorError(vendor, "unavailable", "answered 503", 503);
export const rejected = (vendor: string) => new VendorError(vendor, "rejected", "answered 400", 400);

export class FakeRlm {
    readonly leads: { apiKey: string; lead: RlmLead }[] = [];
    readonly notes: RlmNote[] = [];
    readonly idempotency = new Idempotency();
    readonly createFailures = new Failures<RlmLead>();
    readonly noteFailures = new Failures<RlmNote>();
    mappings: RlmLocationMapping[] = [];
    mappingsError: Error | undefined;

    async createLead(apiKey: string, lead: RlmLead, key: string): Promise<RlmCreatedLead> {
        this.createFailures.check(lead);
        return this.idempotency.run(key, () => {
            this.leads.push({ apiKey, lead });
            return { leadId: 70_000 + this.leads.length, leadUuid: `rlm-uuid-${this.leads.length}` };
        });
    }

    async postNote(note: RlmNote, key: string): Promise<void> {
        this.noteFailures.check(note);
        await this.idempotency.run(key, () => this.notes.push(note));
    }

    async locationMappings(): Promise<RlmLocationMapping[]> {
        if (this.mappingsError) throw this.mappingsError;
        return this.mappings;
    }
}

export class FakeDhq {
    readonly inquiries: { retailerId: string; body: DhqStoreInquiry }[] = [];
    readonly comments: { leadId: string; comment: DhqComment }[] = [];
    readonly idempotency = new Idempotency();
    readonly inquiryFailures = new Failures<DhqStoreInquiry>();
    readonly commentFailures = new Failures<DhqComment>();

    async submitInquiry(retailerId: string, body: DhqStoreInquiry, key: string): Promise<DhqSubmittedInquiry> {
        this.inquiryFailures.check(body);
        return this.idempotency.run(key, () => {
            this.inquiries.push({ retailerId, body });
            return { leadId: String(880_000 + this.inquiries.length) };
        });
    }

    async postComment(leadId: string, comment: DhqComment, key: string): Promise<void> {
        this.commentFailures.check(comment);
        await this.idempotency.run(key, () => this.comments.push({ leadId, comment }));
    }
}

export class FakeBotpress {
    readonly rows: BotpressConversationRow[] = [];
    readonly failures = new Failures<string>();
    lookups = 0;

    async findConversationRow(conversationId: string): Promise<BotpressConversationRow | undefined> {
        this.lookups += 1;
        this.failures.check(conversationId);
        return this.rows.find((r) => r.conversationId === conversationId);
    }
}

/** ActOn's upsert by e-mail: the list's record with that e-mail is updated, or one is added. */
export class FakeActOn {
    readonly records: { listId: string; email: string; fields: Record<string, string>; writes: number }[] = [];
    readonly failures = new Failures<string>();
    /** The Idempotency-Key of every write, in order. */
    readonly keys: string[] = [];
    private lost = 0;

    /** The next `count` writes are stored but their answers are lost (the caller sees a 503). */
    loseNextAnswers(count: number): void {
        this.lost = count;
    }

    async upsertListRecord(
        listId: string,
        email: string,
        fields: Record<string, string>,
        key: string,
    ): Promise<ActOnWrittenRecord> {
        this.failures.check(listId);
        this.keys.push(key);
        let record = this.records.find((r) => r.listId === listId && r.email === email);
        if (!record) {
            record = { listId, email, fields, writes: 0 };
            this.records.push(record);
        }
        record.fields = fields;
        record.writes += 1;
        if (this.lost > 0) {
            this.lost -= 1;
            throw new VendorError("fake", "unavailable", "stored, but the answer was lost", 503);
        }
        const id = `${listId}:${this.records.indexOf(record) + 1}`;
        return { id, contactId: id };
    }
}

export class FakeFloorForce {
    readonly forms: Record<string, string>[] = [];
    readonly failures = new Failures<Record<string, string>>();
    readonly idempotency = new Idempotency();

    async postForm(fields: Record<string, string>, key: string): Promise<void> {
        this.failures.check(fields);
        await this.idempotency.run(key, () => this.forms.push(fields));
    }
}

/** A conversation whose messages tests append to between syncs. */
export class FakeConversation implements ConversationMessageSource {
    readonly messages: ConversationMessage[] = [];
    readonly listed: string[] = [];

    async listMessages(conversationSid: string): Promise<ConversationMessage[]> {
        this.listed.push(conversationSid);
        return [...this.messages];
    }
}

/** Nexus with one retailer and one store. */
export class FakeDirectory implements RetailerDirectory {
    readonly retailers = new Map<string, DirectoryRetailer>();
    readonly locations = new Map<string, DirectoryLocation>();
    calls = 0;

    async getRetailer(id: string): Promise<DirectoryRetailer | null> {
        this.calls += 1;
        return this.retailers.get(id) ?? null;
    }

    async getLocation(id: string): Promise<DirectoryLocation | null> {
        this.calls += 1;
        return this.locations.get(id) ?? null;
    }
}
