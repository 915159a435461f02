import { toE164 } from "common";
import { json } from "../core/router";
import type { Seed } from "../seed";
import type { VendorRegistration } from "./index";

type LineType = { type: string | null; carrier: string | null; mcc: string | null; mnc: string | null };

const MOBILE: LineType = { type: "mobile", carrier: "Sandbox Wireless", mcc: "310", mnc: "999" };

function lineTypeOf(type: string | null): LineType {
    if (type === "mobile") return MOBILE;
    return { type, carrier: type ? "Sandbox Telephone" : null, mcc: null, mnc: null };
}

/** Why Twilio would call a non-possible number invalid. */
function validationError(raw: string): string {
    const digits = raw.replace(/\D/g, "").length;
    if (digits === 0) return "NOT_A_NUMBER";
    if (digits < 10) return "TOO_SHORT";
    if (digits > 15) return "TOO_LONG";
    return "INVALID_LENGTH";
}

const nanp = (e164: string) => e164.startsWith("+1") && e164.length === 12;
const nationalFormat = (e164: string) =>
    nanp(e164) ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164;

/** The Lookup v2 body for a number: seeded exceptions first, then "valid mobile" for every possible number. */
export function lookupBody(raw: string, seed: Seed, withLineType: boolean, baseUrl: string) {
    const e164 = toE164(raw);
    const seeded = e164 ? seed.lookup[e164] : undefined;
    const isValid = e164 !== undefined && (seeded?.valid ?? true);
    const line = isValid ? (seeded ? lineTypeOf(seeded.type) : MOBILE) : undefined;
    return {
        calling_country_code: e164 && nanp(e164) ? "1" : null,
        country_code: e164 && nanp(e164) ? "US" : null,
        phone_number: e164 ?? raw,
        national_format: e164 ? nationalFormat(e164) : null,
        valid: isValid,
        validation_errors: isValid ? [] : [e164 ? "INVALID_BUT_POSSIBLE" : validationError(raw)],
        caller_name: null,
        sim_swap: null,
        call_forwarding: null,
        line_status: null,
        line_type_intelligence:
            withLineType && line
                ? {
                      type: line.type,
                      error_code: line.type ? null : 60601,
                      carrier_name: line.carrier,
                      mobile_country_code: line.mcc,
                      mobile_network_code: line.mnc,
                  }
                : null,
        identity_match: null,
        reassigned_number: null,
        sms_pumping_risk: null,
        phone_number_quality_score: null,
        pre_fill: null,
        url: `${baseUrl}/lookups/v2/PhoneNumbers/${encodeURIComponent(e164 ?? raw)}`,
    };
}

/** HTTP Basic with the seeded account SID and auth token, as the twilio helper library sends it. */
function authenticated(header: string | null, seed: Seed): boolean {
    const encoded = /^Basic (\S+)$/i.exec(header ?? "")?.[1];
    if (!encoded) return false;
    return atob(encoded) === `${seed.twilio.accountSid}:${seed.twilio.authToken}`;
}

/**
 * Twilio Lookup v2 stand-in: `GET /lookups/v2/PhoneNumbers/:number` in Twilio's wire format. Possible numbers
 * are valid mobiles unless the seed's `lookup` section says otherwise; `line_type_intelligence` is only
 * filled when asked for with `Fields`.
 */
export const registerTwilioLookup: VendorRegistration = (router, { seed, publicUrl }) => {
    router.add("GET", "/lookups/v2/PhoneNumbers/:number", "twilio", ({ req, url, params }) => {
        if (!authenticated(req.headers.get("authorization"), seed)) {
            return json(
                {
                    code: 20003,
                    message: "Authenticate",
                    more_info: "https://www.twilio.com/docs/errors/20003",
                    status: 401,
                },
                401,
            );
        }
        const fields = (url.searchParams.get("Fields") ?? "").split(",").map((f) => f.trim());
        return json(lookupBody(params.number ?? "", seed, fields.includes("line_type_intelligence"), publicUrl));
    });
    return undefined;
};
