import { z } from "zod";

/** `POST /__sandbox/faults` body: make a vendor fail, time out or rate-limit, for a count of calls or a time. */
export const FaultRequest = z
    .object({
        service: z.string().min(1),
        /** HTTP status to answer with (e.g. 500, 503, 429). Omit with `delayMs` for a pure slowdown. */
        status: z.number().int().min(100).max(599).optional(),
        count: z.number().int().positive().optional(),
        seconds: z.number().positive().optional(),
        /** Wait this long before answering (timeouts). */
        delayMs: z.number().int().min(0).max(600_000).optional(),
        /** Retry-After header value (seconds) for 429s. */
        retryAfter: z.number().int().min(0).optional(),
    })
    .strict()
    .refine((f) => f.count !== undefined || f.seconds !== undefined, {
        message: "give either count (number of calls) or seconds (duration)",
    })
    .refine((f) => f.status !== undefined || f.delayMs !== undefined, { message: "give status, delayMs or both" });
export type FaultRequest = z.infer<typeof FaultRequest>;

interface ActiveFault extends FaultRequest {
    remaining: number | undefined;
    until: number | undefined;
}

/** The fault switch: active faults per vendor, consumed by the router before a vendor handler runs. */
export class Faults {
    private readonly active = new Map<string, ActiveFault>();

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

    /** Returns the fault response for this call (after any delay), or undefined to let the call through. */
    async take(service: string): Promise<Response | undefined> {
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
        if (fault.delayMs) await Bun.sleep(fault.delayMs);
        if (fault.status === undefined) return undefined;
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
        return new Response(
            JSON.stringify({
                code: fault.status,
                message: `Sandbox fault injected for ${service}`,
                status: fault.status,
            }),
            { status: fault.status, headers },
        );
    }
}
