import { AREA_CODE_TABLE } from "./area-codes.data";

export type NanpCountry = "US" | "CA";

/** Where an area code is: its country and an approximate centre. */
export interface AreaCodePlace {
    areaCode: string;
    country: NanpCountry;
    lat: number;
    lon: number;
}

/** Parses the `COUNTRY LAT LON CODE…  # comment` table; throws on malformed lines or duplicate codes. */
export function parseAreaCodeTable(table: string): ReadonlyMap<string, AreaCodePlace> {
    const places = new Map<string, AreaCodePlace>();
    table.split("\n").forEach((rawLine, index) => {
        const line = rawLine.replace(/#.*/, "").trim();
        if (!line) return;
        const [country, lat, lon, ...codes] = line.split(/\s+/);
        const latitude = Number(lat);
        const longitude = Number(lon);
        const valid =
            (country === "US" || country === "CA") &&
            Number.isFinite(latitude) &&
            Number.isFinite(longitude) &&
            Math.abs(latitude) <= 90 &&
            Math.abs(longitude) <= 180 &&
            codes.length > 0;
        if (!valid) throw new Error(`Area-code table line ${index + 1} is malformed: "${rawLine.trim()}"`);
        for (const areaCode of codes) {
            if (!/^[2-9]\d\d$/.test(areaCode))
                throw new Error(`Area-code table line ${index + 1}: bad code ${areaCode}`);
            if (places.has(areaCode)) throw new Error(`Area-code table line ${index + 1}: ${areaCode} is listed twice`);
            places.set(areaCode, { areaCode, country, lat: latitude, lon: longitude });
        }
    });
    return places;
}

/** Every US and Canadian area code the proxy can place on a map. */
export const AREA_CODES: ReadonlyMap<string, AreaCodePlace> = parseAreaCodeTable(AREA_CODE_TABLE);

const EARTH_RADIUS_KM = 6371;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two places, in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
    const dLat = toRadians(b.lat - a.lat);
    const dLon = toRadians(b.lon - a.lon);
    const h =
        Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
