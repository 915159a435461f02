import type { Settings } from "../settings/settings";

/**
 * `Idempotency-Key` for the vendor stand-ins (RLM, DealerHQ, ActOn, FloorForce), honoured only while the
 * `vendorIdempotency` setting is on. None of those vendors documents such a header, so the default is off:
 * a repeated POST runs again and creates a second record, as it would at the real vendor (records keep the
 * key they carried, so tests can count duplicates of one key).
 *
 * With the setting on, the first request with a key runs; once it answered 2xx, every later request with the
 * same key gets that same answer back (marked `Idempotent-Replayed: true`) and creates nothing. A non-2xx
 * answer is not kept, so a request that failed (a 401 with an expired token, a 4xx) can be sent again with
 * its key. Requests without the header run as before. Concurrent requests with one key wait for the first:
 * only one of them ever runs. A vendor whose failures are 200s (RLM's `result: "Error"`) says which answers
 * created something with `kept`.
 */

/** The header the lead processor sends and the stand-ins honour when `vendorIdempotency` is on. */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** An answer as kept for replays. */
export interface Answer {
    status: number;
    headers: [string, string][];
    body: string;
}

export class IdempotentAnswers {
    constructor(private readonly settings: Settings) {}

    /** Per key: the first 2xx answer, or the request still producing it (undefined once it failed). */
    private readonly answers = new Map<string, Promise<Answer | undefined>>();
    private readonly replayCounts = new Map<string, number>();

    /**
     * Runs `create` for a new key (or no key); replays the kept answer for a known one. `kept` decides which
     * answers are kept (default: every 2xx).
     */
    async handle(
        req: Request,
        create: () => Response | Promise<Response>,
        kept: (answer: Answer) => boolean = (answer) => answer.status >= 200 && answer.status < 300,
    ): Promise<Response> {
        const key = req.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim();
        if (!key || !this.settings.current.vendorIdempotency) return create();
        for (;;) {
            const known = this.answers.get(key);
            if (!known) break;
            const answer = await known;
            if (answer) {
                this.replayCounts.set(key, this.replays(key) + 1);
                return toResponse(answer, true);
            }
            // The first request failed and its key was released: this one may run (or wait for a newer one).
        }
        let settle: (answer: Answer | undefined) => void = () => {};
        this.answers.set(
            key,
            new Promise((resolve) => {
                settle = resolve;
            }),
        );
        try {
            const res = await create();
            const answer: Answer = { status: res.status, headers: [...res.headers], body: await res.text() };
            if (kept(answer)) {
                settle(answer);
            } else {
                this.answers.delete(key);
                settle(undefined);
            }
            return toResponse(answer, false);
        } catch (error) {
            this.answers.delete(key);
            settle(undefined);
            throw error;
        }
    }

    /** How many requests with `key` were answered from the kept answer. */
    replays(key: string | undefined): number {
        return key ? (this.replayCounts.get(key) ?? 0) : 0;
    }
}

/** The key a request carries, if any (stored on the record it creates). */
export function idempotencyKeyOf(req: Request): string | undefined {
    return req.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim() || undefined;
}

function toResponse(answer: Answer, replayed: boolean): Response {
    const headers = new Headers(answer.headers);
    if (replayed) headers.set("idempotent-replayed", "true");
    return new Response(answer.body, { status: answer.status, headers });
}
