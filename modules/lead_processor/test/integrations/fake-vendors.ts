/** In-memory stand-ins of the vendor clients and the conversation, with switchable failures. */
import type { ActOnAddedRecord } from "../../src/clients/acton/acton.schemas";
import type { BotpressConversationRow } from "../../src/clients/botpress/botpress.schemas";
import type { DhqComment, DhqStoreInquiry, DhqSubmittedInquiry } from "../../src/clients/dhq/dhq.schemas";
import { VendorError } from "../../src/clients/http";
import type { RlmCreatedLead, RlmLead, RlmLocationMapping, RlmNote } from "../../src/clients/rlm/rlm.schemas";
import type {
    ConversationMessage,
    ConversationMessageSource,
} from "../../src/integrations/shared/conversation-messages";
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

export const unavailable = (vendor: string) => new VendorError(vendor, "unavailable", "answered 503", 503);
export const rejected = (vendor: string) => new VendorError(vendor, "rejected", "answered 400", 400);

export class FakeRlm {
    readonly leads: { apiKey: string; lead: RlmLead }[] = [];
    readonly notes: RlmNote[] = [];
    readonly createFailures = new Failures<RlmLead>();
    readonly noteFailures = new Failures<RlmNote>();
    mappings: RlmLocationMapping[] = [];
    mappingsError: Error | undefined;

    async createLead(apiKey: string, lead: RlmLead): Promise<RlmCreatedLead> {
        this.createFailures.check(lead);
        this.leads.push({ apiKey, lead });
        return { leadId: 70_000 + this.leads.length, leadUuid: `rlm-uuid-${this.leads.length}` };
    }

    async postNote(note: RlmNote): Promise<void> {
        this.noteFailures.check(note);
        this.notes.push(note);
    }

    async locationMappings(): Promise<RlmLocationMapping[]> {
        if (this.mappingsError) throw this.mappingsError;
        return this.mappings;
    }
}

export class FakeDhq {
    readonly inquiries: { retailerId: string; body: DhqStoreInquiry }[] = [];
    readonly comments: { leadId: string; comment: DhqComment }[] = [];
    readonly inquiryFailures = new Failures<DhqStoreInquiry>();
    readonly commentFailures = new Failures<DhqComment>();

    async submitInquiry(retailerId: string, body: DhqStoreInquiry): Promise<DhqSubmittedInquiry> {
        this.inquiryFailures.check(body);
        this.inquiries.push({ retailerId, body });
        return { leadId: String(880_000 + this.inquiries.length) };
    }

    async postComment(leadId: string, comment: DhqComment): Promise<void> {
        this.commentFailures.check(comment);
        this.comments.push({ leadId, comment });
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

export class FakeActOn {
    readonly records: { listId: string; fields: Record<string, string> }[] = [];
    readonly failures = new Failures<string>();

    async addListRecord(listId: string, fields: Record<string, string>): Promise<ActOnAddedRecord> {
        this.failures.check(listId);
        this.records.push({ listId, fields });
        return { id: `${listId}:${this.records.length}`, contactId: `${listId}:${this.records.length}` };
    }
}

export class FakeFloorForce {
    readonly forms: Record<string, string>[] = [];
    readonly failures = new Failures<Record<string, string>>();

    async postForm(fields: Record<string, string>): Promise<void> {
        this.failures.check(fields);
        this.forms.push(fields);
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
