import { z } from "zod";

/** Fault service that drops webhook deliveries to the product (conversation webhooks and the inbound webhook). */
export const WEBHOOK_DROP = "webhooks";
/** Fault service that makes Twilio's SMS deliveries fail with a Twilio error code. */
export const DELIVERY_FAILURE = "twilio-delivery";

const HTTP_ONLY = ["status", "delayMs", "retryAfter"] as const;
const DELIVERY_ONLY = ["errorCode", "receiptStatus"] as const;

/**
 * `POST /__sandbox/faults` body, for a count of calls or a time:
 * - any vendor service (`rlm`, `twilio`, …): answer with `status` and/or wait `delayMs` (timeouts);
 * - `webhooks`: the next deliveries to the product are dropped unseen (recorded as dropped);
 * - `twilio-delivery`: the next SMS deliveries fail with Twilio error `errorCode` (receipt `undelivered`
 *   unless `receiptStatus` says `failed`).
 */
export const FaultRequest = z
    .strictObject({
        service: z.string().min(1),
        /** HTTP status to answer with (e.g. 500, 503, 429). Omit with `delayMs` for a pure slowdown. */
        status: z.number().int().min(100).max(599).optional(),
        count: z.number().int().positive().optional(),
        seconds: z.number().positive().optional(),
        /** Wait this long before answering (timeouts). */
        delayMs: z.number().int().min(0).max(600_000).optional(),
        /** Retry-After header value (seconds) for 429s. */
        retryAfter: z.number().int().min(0).optional(),
        /** `twilio-delivery` only: the Twilio error code of the failed delivery (e.g. 30034). */
        errorCode: z.number().int().min(10_000).max(99_999).optional(),
        /** `twilio-delivery` only: the receipt status of the failed delivery (default `undelivered`). */
        receiptStatus: z.enum(["failed", "undelivered"]).optional(),
    })
    .superRefine((fault, ctx) => {
        const refuse = (fields: readonly (keyof typeof fault)[], why: string) => {
            for (const field of fields) {
                if (fault[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: why });
            }
        };
        if (fault.count === undefined && fault.seconds === undefined) {
            ctx.addIssue({ code: "custom", path: [], message: "give either count (number of calls) or seconds" });
        }
        if (fault.service === WEBHOOK_DROP) {
            refuse([...HTTP_ONLY, ...DELIVERY_ONLY], "not used by the webhooks fault, which drops deliveries");
        } else if (fault.service === DELIVERY_FAILURE) {
            refuse(HTTP_ONLY, "not used by the twilio-delivery fault (give errorCode)");
            if (fault.errorCode === undefined) {
                ctx.addIssue({ code: "custom", path: ["errorCode"], message: "give the Twilio error code" });
            }
        } else {
            refuse(DELIVERY_ONLY, `only for the ${DELIVERY_FAILURE} fault`);
            if (fault.status === undefined && fault.delayMs === undefined) {
                ctx.addIssue({ code: "custom", path: [], message: "give status, delayMs or both" });
            }
        }
    });
export type FaultRequest = z.infer<typeof FaultRequest>;

export interface ActiveFault extends FaultRequest {
    remaining: number | undefined;
    until: number | undefined;
}

/** How a vendor words an injected HTTP failure (its error body for a status). */
export type FaultBody = (status: number, service: string) => unknown;

const genericBody: FaultBody = (status, service) => ({
    code: status,
    message: `Sandbox fault injected for ${service}`,
    status,
});

/**
 * The fault switch: active faults per service. The router answers a vendor route from it before the
 * handler runs ({@link answer}); the Twilio stand-in takes webhook and delivery faults ({@link take}).
 */
export class Faults {
    private readonly active = new Map<string, ActiveFault>();
    private readonly bodies = new Map<string, FaultBody>();

    set(fault: FaultRequest): void {
        this.active.set(fault.service, {
            ...fault,
            remaining: fault.count,
            until: fault.seconds ? Date.now() + fault.seconds * 1000 : undefined,
        });
    }

    clear(service?: string): void {
        if (service) this.active.delete(service);
        else this.active.clear();
    }

    list(): ActiveFault[] {
        return [...this.active.values()];
    }

    /** A vendor whose errors have their own shape (Twilio's `{code, message, more_info, status}`) says so. */
    speak(service: string, body: FaultBody): void {
        this.bodies.set(service, body);
    }

    /** Uses up one call of the service's active fault, if there is one (and drops it once spent or expired). */
    take(service: string): ActiveFault | undefined {
        const fault = this.active.get(service);
        if (!fault) return undefined;
        if (fault.until !== undefined && Date.now() > fault.until) {
            this.active.delete(service);
            return undefined;
        }
        if (fault.remaining !== undefined) {
            fault.remaining -= 1;
            if (fault.remaining <= 0) this.active.delete(service);
        }
        return fault;
    }

    /** Returns the fault response for this call (after any delay), or undefined to let the call through. */
    async answer(service: string): Promise<Response | undefined> {
        const fault = this.take(service);
        if (!fault) return undefined;
        if (fault.delayMs) await Bun.sleep(fault.delayMs);
        if (fault.status === undefined) return undefined;
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
        const body = (this.bodies.get(service) ?? genericBody)(fault.status, service);
        return new Response(JSON.stringify(body), { status: fault.status, headers });
    }
}
