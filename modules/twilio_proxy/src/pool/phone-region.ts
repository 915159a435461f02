import { parsePhoneNumberFromString } from "libphonenumber-js";
import { AREA_CODES, type AreaCodePlace } from "./geo";

/** Where a phone number belongs, for choosing pool numbers near it. */
export interface PhoneRegion {
    e164: string;
    /**
     * The pool is only ever searched within this key. NANP (+1) numbers: `US` or `CA` from the area-code
     * table, else libphonenumber's region (`JM`, `PR`…), else `US`. Other numbers: `+<calling code>`.
     */
    country: string;
    /** NANP only: the 3-digit area code. */
    areaCode: string | undefined;
    /** Digits after the country calling code. */
    nationalNumber: string;
    /** NANP only, when the area code is in the table. */
    place: AreaCodePlace | undefined;
}

/** Classifies an E.164 number; undefined when it cannot be parsed. */
export function classifyNumber(e164: string): PhoneRegion | undefined {
    const parsed = parsePhoneNumberFromString(e164);
    if (!parsed) return undefined;
    const nationalNumber = String(parsed.nationalNumber);
    if (parsed.countryCallingCode !== "1") {
        return {
            e164: parsed.number,
            country: `+${parsed.countryCallingCode}`,
            areaCode: undefined,
            nationalNumber,
            place: undefined,
        };
    }
    if (!/^\d{10}$/.test(nationalNumber)) return undefined;
    const areaCode = nationalNumber.slice(0, 3);
    const place = AREA_CODES.get(areaCode);
    return {
        e164: parsed.number,
        country: place?.country ?? parsed.country ?? "US",
        areaCode,
        nationalNumber,
        place,
    };
}
