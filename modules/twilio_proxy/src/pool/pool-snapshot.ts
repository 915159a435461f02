import { AREA_CODES, type AreaCodePlace, distanceKm } from "./geo";
import { classifyNumber, type PhoneRegion } from "./phone-region";

/** The pool numbers of one country, indexed for nearest-first search. */
interface CountryPool {
    /** Every number, by area code then number (NANP) or by number (elsewhere). */
    all: PhoneRegion[];
    /** NANP: numbers per area code, sorted. */
    byAreaCode: Map<string, string[]>;
    /** NANP: numbers whose area code is not in the table (searched last), sorted. */
    unlocated: string[];
    /** NANP: for every table area code of this country, the pool's area codes nearest first. */
    nearest: Map<string, string[]>;
}

const byNumber = (a: PhoneRegion, b: PhoneRegion) => a.e164.localeCompare(b.e164);
const byAreaCodeThenNumber = (a: PhoneRegion, b: PhoneRegion) =>
    (a.areaCode ?? "").localeCompare(b.areaCode ?? "") || byNumber(a, b);

function commonPrefixLength(a: string, b: string): number {
    let length = 0;
    while (length < a.length && length < b.length && a[length] === b[length]) length++;
    return length;
}

/** Orders the pool's located area codes by distance from `from` (ties by area code, so the order is stable). */
function nearestAreaCodes(from: AreaCodePlace, located: AreaCodePlace[]): string[] {
    return located
        .map((place) => ({ areaCode: place.areaCode, km: distanceKm(from, place) }))
        .sort((a, b) => a.km - b.km || a.areaCode.localeCompare(b.areaCode))
        .map((entry) => entry.areaCode);
}

function indexCountry(numbers: PhoneRegion[], country: string): CountryPool {
    const all = [...numbers].sort(byAreaCodeThenNumber);
    const byAreaCode = new Map<string, string[]>();
    const unlocated: string[] = [];
    const located = new Map<string, AreaCodePlace>();
    for (const entry of all) {
        if (entry.areaCode === undefined) continue;
        const list = byAreaCode.get(entry.areaCode) ?? [];
        list.push(entry.e164);
        byAreaCode.set(entry.areaCode, list);
        if (entry.place) located.set(entry.areaCode, entry.place);
        else unlocated.push(entry.e164);
    }
    const nearest = new Map<string, string[]>();
    if (located.size > 0) {
        const locatedPlaces = [...located.values()];
        for (const place of AREA_CODES.values()) {
            if (place.country === country) nearest.set(place.areaCode, nearestAreaCodes(place, locatedPlaces));
        }
    }
    return { all, byAreaCode, unlocated, nearest };
}

/**
 * An immutable, indexed copy of the number pool. The nearest-first order of the pool's area codes is
 * computed once here, for every area code in the table, so a request only concatenates lists.
 */
export class PoolSnapshot {
    private constructor(
        readonly numbers: readonly string[],
        private readonly countries: ReadonlyMap<string, CountryPool>,
    ) {}

    /** Builds a snapshot; numbers that are not parseable phone numbers are returned in `rejected`. */
    static build(rawNumbers: readonly string[]): { pool: PoolSnapshot; rejected: string[] } {
        const rejected: string[] = [];
        const unique = new Map<string, PhoneRegion>();
        for (const raw of rawNumbers) {
            const region = classifyNumber(raw);
            if (region) unique.set(region.e164, region);
            else rejected.push(raw);
        }
        const grouped = new Map<string, PhoneRegion[]>();
        for (const region of unique.values()) {
            grouped.set(region.country, [...(grouped.get(region.country) ?? []), region]);
        }
        const countries = new Map([...grouped].map(([country, list]) => [country, indexCountry(list, country)]));
        const numbers = [...unique.keys()].sort();
        return { pool: new PoolSnapshot(numbers, countries), rejected };
    }

    get size(): number {
        return this.numbers.length;
    }

    /**
     * Every pool number a participant may be given, best first, never outside the participant's country:
     * - NANP area code in the table: pool area codes by distance (same code first), then the pool numbers
     *   whose area code is not in the table;
     * - NANP area code not in the table: numbers with the same area code, then the rest of the country's
     *   pool by area code and number;
     * - elsewhere: numbers sharing the longest leading digits with the participant's, then by number.
     */
    candidatesFor(address: string): string[] {
        const region = classifyNumber(address);
        if (!region) return [];
        const pool = this.countries.get(region.country);
        if (!pool) return [];
        const areaCode = region.areaCode;
        if (areaCode === undefined) {
            const score = (entry: PhoneRegion) => commonPrefixLength(entry.nationalNumber, region.nationalNumber);
            return [...pool.all].sort((a, b) => score(b) - score(a) || byNumber(a, b)).map((entry) => entry.e164);
        }
        const order = pool.nearest.get(areaCode);
        if (order) return [...order.flatMap((code) => pool.byAreaCode.get(code) ?? []), ...pool.unlocated];
        const sameArea = pool.byAreaCode.get(areaCode) ?? [];
        return [...sameArea, ...pool.all.filter((entry) => entry.areaCode !== areaCode).map((entry) => entry.e164)];
    }
}
