import { type SeedRetailer, seed } from "sandbox";

/**
 * Lead ids of one scenario share their first 8 hex digits, so a scan can count that scenario's leads with
 * `begins_with(LeadId, prefix)`; the rest is a random version-4 UUID, so every id is a valid UUID.
 */
export class LeadIds {
    readonly prefix: string;

    constructor(prefix?: string) {
        this.prefix = prefix ?? crypto.randomUUID().slice(0, 8);
        if (!/^[0-9a-f]{8}$/.test(this.prefix)) throw new Error("a lead id prefix is 8 lower-case hex digits");
    }

    next(): string {
        return `${this.prefix}${crypto.randomUUID().slice(8)}`;
    }
}

/** Area codes of customers (Chicago area, near the seeded stores); exchange 555 is left to stores and pool. */
const CUSTOMER_AREAS = ["312", "773", "847", "630", "708"];

/**
 * Distinct US customer numbers: area code, exchange (never 555 or N11), line. `start` offsets the sequence
 * so runs against a shared stack do not text from numbers earlier runs used.
 */
export class CustomerPhones {
    private k: number;

    constructor(start = 0) {
        this.k = start;
    }

    next(): string {
        const k = this.k++;
        const area = CUSTOMER_AREAS[k % CUSTOMER_AREAS.length] ?? "312";
        const rest = Math.floor(k / CUSTOMER_AREAS.length);
        const exchanges = validExchanges();
        const exchange = exchanges[Math.floor(rest / 10_000) % exchanges.length] ?? 200;
        const line = String(rest % 10_000).padStart(4, "0");
        return `+1${area}${exchange}${line}`;
    }
}

let exchangeList: number[] | undefined;
function validExchanges(): number[] {
    exchangeList ??= Array.from({ length: 800 }, (_, i) => 200 + i).filter((x) => x !== 555 && x % 100 !== 11);
    return exchangeList;
}

/**
 * `count` Messaging Service pool numbers in exchange 555 (lines 2000 and up, clear of the seed's 01xx
 * numbers), spread over the seeded stores' area codes so the proxy finds near ones for every store.
 */
export function poolNumbers(count: number, firstLine = 2000): string[] {
    const areas = ["312", "847", "718", "773", "630"];
    return Array.from({ length: count }, (_, i) => {
        const area = areas[i % areas.length] ?? "312";
        const line = firstLine + Math.floor(i / areas.length);
        if (line > 9999) throw new Error("too many pool numbers asked for");
        return `+1${area}555${line}`;
    });
}

/** A seeded store a WEB2TEXT lead can be for. */
export interface Store {
    retailerId: string;
    locationId: string;
    name: string;
}

/** Every location of the seeded retailers that take Web2Text leads (`valid` and `shared-number`). */
export function web2TextStores(retailers: readonly SeedRetailer[] = seed.retailers): Store[] {
    return retailers
        .filter((r) => r.scenario === "valid" || r.scenario === "shared-number")
        .flatMap((r) =>
            r.locations.map((l) => ({ retailerId: r.UniversalRetailerId, locationId: l.id, name: l.location_name })),
        );
}

/** How many leads of `total` (spread round-robin over `stores`) land on the busiest store number. */
export function busiestStoreShare(total: number, storeNumbers: readonly string[]): number {
    const perNumber = new Map<string, number>();
    for (let i = 0; i < total; i++) {
        const number = storeNumbers[i % storeNumbers.length] ?? "";
        perNumber.set(number, (perNumber.get(number) ?? 0) + 1);
    }
    return Math.max(0, ...perNumber.values());
}

/** The store number of each of `web2TextStores()`, in the same order. */
export function storeNumbers(retailers: readonly SeedRetailer[] = seed.retailers): string[] {
    return retailers
        .filter((r) => r.scenario === "valid" || r.scenario === "shared-number")
        .flatMap((r) => r.locations.map((l) => l.Web2Text_Phone_Number.replace(/\D/g, "").slice(-10)));
}

/** An ACTON create request, synced right away. */
export function actOnRequest(retailerId: string, n: number) {
    return {
        LeadType: "ACTON",
        UniversalRetailerId: retailerId,
        SyncImmediately: true,
        Lead: {
            "First Name": "Robin",
            "Last Name": `Bench${n}`,
            "E-mail Address": `bench.${n}.${crypto.randomUUID().slice(0, 8)}@example.com`,
            "Home Postal Code": "60601",
            preferred_location: "Chicago",
            formname: "Bench Form",
            listId: "l-0001",
        },
    };
}

/** A WEB2TEXT create request for a store and a customer number, synced right away. */
export function web2TextRequest(store: Store, phone: string, n: number) {
    return {
        LeadType: "WEB2TEXT",
        UniversalRetailerId: store.retailerId,
        SyncImmediately: true,
        Lead: {
            LocationId: store.locationId,
            PageUrl: "https://dealer.example/products/white-oak",
            Name: `Bench Customer ${n}`,
            PhoneNumber: phone,
            CustomerMessage: "Is the white oak in stock?",
            PreferredMethodOfContact: "text",
        },
    };
}

/** An ACTON lead as the projection holds it once both integrations synced (for the Admin bulk scenario). */
export function syncedActOnItem(leadId: string, retailerId: string, n: number, at: string) {
    const request = actOnRequest(retailerId, n);
    return {
        SchemaVersion: "2.0.0",
        LeadId: leadId,
        Status: "ACTIVE",
        LeadType: "ACTON",
        UniversalRetailerId: retailerId,
        DateSubmitted: at,
        Lead: request.Lead,
        Integrations: {
            ActOn: {
                SyncStatus: "SYNCED",
                Data: { ListId: "l-0001", RecordId: null, ContactId: null },
                LastSynced: at,
            },
            FloorForce: { SyncStatus: "SYNCED", LastSynced: at },
        },
    };
}

/** The integrations every lead of a type ends with SYNCED (Botpress runs only for leads with a chatbot id). */
export const SYNCED_INTEGRATIONS = {
    ACTON: ["ActOn", "FloorForce"],
    WEB2TEXT: ["Twilio", "RLM", "DHQ"],
} as const;
