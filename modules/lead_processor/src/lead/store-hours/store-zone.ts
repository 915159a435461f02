import tzLookup from "@photostructure/tz-lookup";

/**
 * The IANA time zone at a store's coordinates (`@photostructure/tz-lookup`: maintained, a 70 KB file, about
 * 3 MB of memory once loaded, no network), or undefined when Nexus has none (null, or 0/0) or they are out of range.
 */
export function storeTimeZone(latitude: number | null | undefined, longitude: number | null | undefined) {
    if (latitude == null || longitude == null || (latitude === 0 && longitude === 0)) return undefined;
    try {
        return tzLookup(latitude, longitude);
    } catch {
        return undefined;
    }
}
