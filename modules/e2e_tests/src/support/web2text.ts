/**
 * Web2Text helpers for e2e tests that run against the shared stack or a stack of their own: a target (where
 * ingress and the sandbox are), lead requests for the seeded dealers, and calls that read a lead's state.
 */

import type { Stack } from "devstack";
import { retailerFor, type SeedRetailer, seed } from "sandbox";
import { z } from "zod";
import { eventually, stack } from "./api";
import { customerPhone } from "./factories";
import { ingressClients, named } from "./ingress-client";

/** Where a test's stack answers. */
export interface StackTarget {
    ingress: string;
    sandbox: string;
    admin: string;
    apiKey: string;
}

/** The run's shared e2e stack. */
export function sharedTarget(): StackTarget {
    const { urls, apiKey } = stack();
    return { ingress: urls.ingress, sandbox: urls.sandbox, admin: urls.admin, apiKey };
}

/** A stack the test file started itself. */
export function targetOf(own: Stack): StackTarget {
    return { ingress: own.urls.ingress, sandbox: own.urls.sandbox, admin: own.urls.admin, apiKey: own.apiKey };
}

/** An ingress answer: status, parsed JSON body (or the text), raw text. */
export interface Answer<T = unknown> {
    status: number;
    body: T;
    text: string;
}

/** Calls a handler through ingress with the stack's all-endpoints key (or `auth`, or none with null). */
export async function ingress<T = unknown>(
    t: StackTarget,
    path: string,
    options: { method?: "GET" | "POST"; body?: unknown; auth?: string | null } = {},
): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    const auth = options.auth === undefined ? `Bearer ${t.apiKey}` : options.auth;
    if (auth !== null) headers.authorization = auth;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${t.ingress}${path}`, {
        method: options.method ?? "POST",
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
        body = text ? JSON.parse(text) : undefined;
    } catch {
        // not JSON
    }
    return { status: res.status, body: body as T, text };
}

/**
 * A fresh US mobile-looking customer number (outside the 555 range the seed's stores and pool use), so tests
 * sharing a stack never text from the same phone.
 */
export const uniquePhone = customerPhone;

/** Which seeded store a lead is for: the `valid` retailer's locations, or one of the two `shared-number` ones. */
export type SeededStore = "chicago" | "evanston" | "twin-oaks" | "harbor";

/** `(312) 555-0142` → `+13125550142`. */
export function toE164Nanp(raw: string): string {
    return `+1${raw.replace(/\D/g, "").slice(-10)}`;
}

function sharedNumberRetailer(name: string): SeedRetailer {
    const retailer = seed.retailers.find((r) => r.scenario === "shared-number" && r.name === name);
    if (!retailer) throw new Error(`no shared-number retailer named ${name}`);
    return retailer;
}

/** A seeded store: its retailer, location id, location name and Web2Text number (E.164). */
export function store(at: SeededStore) {
    const [retailer, index] = {
        chicago: [retailerFor("valid"), 0] as const,
        evanston: [retailerFor("valid"), 1] as const,
        "twin-oaks": [sharedNumberRetailer("Twin Oaks Flooring"), 0] as const,
        harbor: [sharedNumberRetailer("Harbor Floor Design"), 0] as const,
    }[at];
    const location = retailer.locations[index];
    if (!location) throw new Error(`seeded retailer ${retailer.name} has no location ${index}`);
    return {
        retailer,
        locationId: location.id,
        locationName: location.location_name,
        web2TextNumber: toE164Nanp(location.Web2Text_Phone_Number),
    };
}

/** A WEB2TEXT create request for a seeded store, synced right away (SyncImmediately absent). */
export function web2TextLead(at: SeededStore, phone: string, lead: Record<string, unknown> = {}) {
    const { retailer, locationId } = store(at);
    return {
        LeadType: "WEB2TEXT",
        UniversalRetailerId: retailer.UniversalRetailerId,
        Lead: {
            LocationId: locationId,
            PageUrl: "https://dealer.example/products/white-oak",
            Name: "Dana Customer",
            PhoneNumber: phone,
            CustomerMessage: "Is the white oak in stock?",
            PreferredMethodOfContact: "text",
            ...lead,
        },
    };
}

const IntegrationView = z.looseObject({
    SyncStatus: z.string(),
    Data: z.unknown().optional(),
    LastSynced: z.string().optional(),
    ErrorInfo: z.unknown().optional(),
});
/** The parts of a lead's state the tests read. */
export const LeadView = z.looseObject({
    Status: z.string(),
    LeadId: z.string().optional(),
    CloseReason: z.string().optional(),
    Integrations: z.record(z.string(), IntegrationView).default({}),
});
export type LeadView = z.output<typeof LeadView>;

/** The Twilio integration's data as the lead records it. */
export const TwilioView = z.looseObject({
    ConversationSID: z.string(),
    ConversationStatus: z.string().optional(),
    StorePhoneNumber: z.string(),
    CustomerProxyNumber: z.string(),
    StoreProxyNumber: z.string(),
});
export type TwilioView = z.output<typeof TwilioView>;

/** Creates a lead (expecting 200) and returns its id. */
export async function createLead(t: StackTarget, body: unknown, leadId = crypto.randomUUID()): Promise<string> {
    await named(`create ${leadId}`, ingressClients(t).lead(leadId).create(body));
    return leadId;
}

/** The lead's state (`Lead/{id}/status`). */
export async function leadState(t: StackTarget, leadId: string): Promise<LeadView> {
    return LeadView.parse(await named(`status ${leadId}`, ingressClients(t).lead(leadId).status(undefined)));
}

/** How long to wait for a lead's work: generous, as the e2e machines are small and often busy. */
export const SLOW_STACK_MS = 60_000;

/** Per-test timeout of the Web2Text e2e tests (several leads, each synced through Twilio, RLM and DHQ). */
export const WEB2TEXT_TEST_TIMEOUT = { timeout: 150_000 };

/** Polls the lead until `check` holds; returns the state that satisfied it. */
export function leadWhen(
    t: StackTarget,
    leadId: string,
    what: string,
    check: (lead: LeadView) => boolean,
    timeoutMs = SLOW_STACK_MS,
): Promise<LeadView> {
    return eventually(
        `lead ${leadId} ${what}`,
        async () => {
            const lead = await leadState(t, leadId);
            return check(lead) ? lead : undefined;
        },
        timeoutMs,
    );
}

/** Waits for the lead's Twilio integration to be SYNCED and returns its conversation data. */
export async function twilioSynced(t: StackTarget, leadId: string): Promise<TwilioView> {
    const lead = await leadWhen(t, leadId, "has a synced Twilio conversation", (l) => {
        const twilio = l.Integrations.Twilio;
        return twilio?.SyncStatus === "SYNCED";
    });
    return TwilioView.parse(lead.Integrations.Twilio?.Data);
}

/** Closes a lead with a reason (expecting 200) and returns its state. */
export async function closeLead(t: StackTarget, leadId: string, reason: string): Promise<LeadView> {
    return LeadView.parse(await named(`close ${leadId}`, ingressClients(t).lead(leadId).close({ reason })));
}
