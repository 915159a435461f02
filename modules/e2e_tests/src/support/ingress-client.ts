/**
 * Typed Restate ingress clients (`@restatedev/restate-sdk-clients`) for the e2e tests. The lead processor's
 * type-only service handles give each call its URL, method, JSON body and result type, so the helpers that
 * create, read, sync and close leads, and run bulk operations go through them. Tests
 * that check raw HTTP (a 4xx status, headers, a malformed body, signatures) use `call` / `ingress` instead:
 * the raw answer is what they test.
 */
import * as clients from "@restatedev/restate-sdk-clients";
import { Admin, Lead } from "lead-processor/api";
import { stack } from "./api";

/** Where ingress answers and the API key to call it with. */
export interface IngressTarget {
    ingress: string;
    apiKey: string;
}

/** The Lead and Admin clients of a stack, calling with the given API key. */
export function ingressClients(t: IngressTarget) {
    const rs = clients.connect({ url: t.ingress, headers: { authorization: `Bearer ${t.apiKey}` } });
    return {
        lead: (leadId: string) => rs.objectClient(Lead, leadId),
        admin: () => rs.serviceClient(Admin),
    };
}

/** The clients of the run's shared e2e stack, with its all-endpoints key. */
export function sharedClients() {
    const { urls, apiKey } = stack();
    return ingressClients({ ingress: urls.ingress, apiKey });
}

/** Awaits a client call; a refusal names the call (`create <id>`) with the HTTP status and the answer. */
export async function named<T>(what: string, call: PromiseLike<T>): Promise<T> {
    try {
        return await call;
    } catch (error) {
        if (error instanceof clients.HttpCallError) {
            throw new Error(`${what}: HTTP ${error.status} ${error.responseText}`);
        }
        throw error;
    }
}
