import { z } from "zod";
import { VendorError } from "../http";
import { TtlLruCache } from "../ttl-lru-cache";
import { callTwilio } from "./twilio-errors";

/** What Twilio Lookup v2 says about a number, reduced to what validation needs. */
export interface PhoneLookupResult {
    valid: boolean;
    /** TOO_SHORT, TOO_LONG, INVALID_BUT_POSSIBLE, INVALID_COUNTRY_CODE, INVALID_LENGTH, NOT_A_NUMBER. */
    validationErrors: string[];
    /** mobile, landline, fixedVoip, nonFixedVoip, personal, tollFree, …; null when Twilio could not tell. */
    lineType: string | null;
    lineTypeErrorCode: number | null;
}

/** Validators depend on this narrow interface; tests stub it. */
export interface PhoneLookup {
    lookup(e164: string): Promise<PhoneLookupResult>;
}

/** The slice of the twilio client this uses (the real client satisfies it; tests pass a fake). */
export interface LookupApi {
    lookups: { v2: { phoneNumbers(e164: string): { fetch(params: { fields: string }): Promise<unknown> } } };
}

const LookupInstance = z.object({
    valid: z.boolean().nullish(),
    validationErrors: z.array(z.string()).nullish(),
    lineTypeIntelligence: z.object({ type: z.string().nullish(), errorCode: z.number().nullish() }).nullish(),
});

const LOOKUP = "Twilio Lookup";
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Twilio Lookup v2 with `line_type_intelligence` (a paid lookup), cached in-process for a week in a bounded
 * LRU, as a number's line type rarely changes and the same customer often submits several leads.
 */
export class TwilioPhoneLookup implements PhoneLookup {
    private readonly cache: TtlLruCache<PhoneLookupResult>;

    constructor(
        private readonly twilio: LookupApi,
        options: { maxEntries?: number; ttlMs?: number; now?: () => number } = {},
    ) {
        this.cache = new TtlLruCache(options.maxEntries ?? 8192, options.ttlMs ?? WEEK_MS, options.now);
    }

    /** What Twilio says about `e164`, from the cache when asked within the last week. */
    lookup(e164: string): Promise<PhoneLookupResult> {
        return this.cache.getOrLoad(e164, () => this.fetch(e164));
    }

    private async fetch(e164: string): Promise<PhoneLookupResult> {
        const instance = await callTwilio(
            "looking up a number",
            () => this.twilio.lookups.v2.phoneNumbers(e164).fetch({ fields: "line_type_intelligence" }),
            LOOKUP,
        );
        const parsed = LookupInstance.safeParse(instance);
        if (!parsed.success) throw new VendorError(LOOKUP, "invalid-response", "unexpected response shape");
        const line = parsed.data.lineTypeIntelligence;
        return {
            valid: parsed.data.valid === true,
            validationErrors: parsed.data.validationErrors ?? [],
            lineType: line?.type ?? null,
            lineTypeErrorCode: line?.errorCode ?? null,
        };
    }
}
