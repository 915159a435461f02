import { toE164 } from "common";
import type { NexusLocation } from "../../clients/nexus/nexus.types";
import type { ValidationResult } from "../../lead/validation";

/** One location of the Dealer report; empty or unparseable values are left out. */
export interface LocationReport {
    NexusLocationId: string;
    UniversalLocationId?: string;
    Name?: string;
    StreetAddress?: string;
    City?: string;
    State?: string;
    ZipCode?: string;
    Web2TextPhoneNumber?: string;
    StorePhoneNumber?: string;
    CallTrackingPhoneNumber?: string;
    Status: ValidationResult["Status"];
    Reason?: string;
}

/** `GET /Dealer/{id}/status`: the retailer's verdict, and when it is VALID every location's. */
export type DealerReport =
    | { Status: "VALID"; Locations: LocationReport[] }
    | { Status: "INVALID" | "NONEXISTANT"; Reason?: string };

const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);
const phone = (value: string | null | undefined) => {
    const raw = text(value);
    return raw ? toE164(raw) : undefined;
};

/** Builds a location's report entry from its Nexus record and its Web2Text verdict. */
export function locationReport(location: NexusLocation, verdict: ValidationResult): LocationReport {
    // Undefined fields are dropped when the report is serialized.
    return {
        NexusLocationId: location.id,
        UniversalLocationId: text(location.universal_id),
        Name: text(location.location_name) ?? text(location.store_name),
        StreetAddress: text(location.street_address),
        City: text(location.city),
        State: text(location.state_province),
        ZipCode: text(location.zip_code),
        Web2TextPhoneNumber: phone(location.Web2Text_Phone_Number),
        StorePhoneNumber: phone(location.store_phone_number),
        CallTrackingPhoneNumber: phone(location.call_tracking_number),
        Status: verdict.Status,
        Reason: verdict.Reason,
    };
}
