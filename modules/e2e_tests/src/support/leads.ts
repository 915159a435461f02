import { z } from "zod";
import { stack } from "./api";

/** Where a stack's Lead API is: its Restate ingress and an API key allowed on every endpoint. */
export interface IngressTarget {
    ingress: string;
    apiKey: string;
}

export const IntegrationView = z.looseObject({
    SyncStatus: z.enum(["NOT SYNCED", "SYNCED", "ERROR", "CLOSED"]),
    Data: z.unknown().optional(),
    LastSynced: z.string().optional(),
    ErrorInfo: z
        .looseObject({ Message: z.string(), Details: z.unknown().optional(), ErrorDate: z.string() })
        .optional(),
});
export type IntegrationView = z.output<typeof IntegrationView>;

/** A lead as `Lead/{id}/status` (and create, sync) answers it. */
export const LeadView = z.looseObject({
    LeadId: z.string(),
    LeadType: z.enum(["WEB2TEXT", "ACTON"]),
    Status: z.string(),
    Lead: z.record(z.string(), z.unknown()),
    Integrations: z.record(z.string(), IntegrationView),
});
export type LeadView = z.output<typeof LeadView>;

const CopyData = z.looseObject({ SyncedMessageIds: z.array(z.string()) });
const TwilioData = z.looseObject({ ConversationSID: z.string() });

/** The conversation messages an RLM or DHQ integration has copied, in copy order ([] when none). */
export function syncedMessageIds(lead: LeadView, integration: "RLM" | "DHQ"): string[] {
    const data = CopyData.safeParse(lead.Integrations[integration]?.Data);
    return data.success ? data.data.SyncedMessageIds : [];
}

/** The lead's Twilio conversation sid (fails when the Twilio integration recorded none). */
export function conversationSid(lead: LeadView): string {
    return TwilioData.parse(lead.Integrations.Twilio?.Data).ConversationSID;
}

/** The Lead API of one stack, through Restate ingress as an outside caller uses it. */
export class LeadApi {
    constructor(readonly target: IngressTarget) {}

    create(leadId: string, request: unknown): Promise<LeadView> {
        return this.post(`/Lead/${leadId}/create`, request);
    }

    /** Runs `Lead/{id}/sync` and returns the lead it left. */
    sync(leadId: string): Promise<LeadView> {
        return this.post(`/Lead/${leadId}/sync`, {});
    }

    async status(leadId: string): Promise<LeadView> {
        const res = await fetch(`${this.target.ingress}/Lead/${leadId}/status`, { headers: this.headers() });
        return this.read(res, "status");
    }

    /** Polls the lead until it is ACTIVE with every integration in `names` SYNCED. */
    waitUntilSynced(leadId: string, names: readonly string[], timeoutMs = 60_000): Promise<LeadView> {
        return this.waitFor(
            leadId,
            `${names.join(", ")} SYNCED`,
            (lead) => lead.Status === "ACTIVE" && names.every((n) => lead.Integrations[n]?.SyncStatus === "SYNCED"),
            timeoutMs,
        );
    }

    /**
     * Polls the lead until `check` accepts it (e.g. an integration reaching ERROR); the timeout error shows
     * the status and integration states it saw last, ErrorInfo included.
     */
    async waitFor(
        leadId: string,
        what: string,
        check: (lead: LeadView) => boolean,
        timeoutMs = 60_000,
    ): Promise<LeadView> {
        const deadline = Date.now() + timeoutMs;
        let last = "no answer yet";
        while (Date.now() < deadline) {
            try {
                const lead = await this.status(leadId);
                if (check(lead)) return lead;
                last = JSON.stringify({ Status: lead.Status, ...lead.Integrations });
            } catch (error) {
                last = error instanceof Error ? error.message : String(error);
            }
            await Bun.sleep(250);
        }
        throw new Error(`lead ${leadId}: no ${what} within ${timeoutMs} ms; last seen: ${last}`);
    }

    private async post(path: string, body: unknown): Promise<LeadView> {
        const res = await fetch(`${this.target.ingress}${path}`, {
            method: "POST",
            headers: { ...this.headers(), "content-type": "application/json" },
            body: JSON.stringify(body),
        });
        return this.read(res, path);
    }

    private headers() {
        return { authorization: `Bearer ${this.target.apiKey}` };
    }

    private async read(res: Response, what: string): Promise<LeadView> {
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
        return LeadView.parse(JSON.parse(text));
    }
}

/** The Lead API of the shared e2e stack. */
export const leads = () => new LeadApi({ ingress: stack().urls.ingress, apiKey: stack().apiKey });

/** The integrations every lead of a type ends with (Botpress only runs for leads with a Botpress id). */
export const INTEGRATIONS = {
    ACTON: ["ActOn", "FloorForce"],
    WEB2TEXT: ["Twilio", "RLM", "DHQ"],
} as const;
