import type { NexusDirectory } from "../../clients/nexus/nexus.client";
import type { NexusLocation } from "../../clients/nexus/nexus.types";
import type { Step } from "../validation";
import { type StoreHours, storeHoursOf } from "./store-hours";
import { hoursMissing } from "./weekly-hours";

/**
 * A store's hours, parsed once for a lead: its location's `hours_of_operation` (AWS Nexus, already read by the
 * validation), else its store record on the old Nexus (`/retailers/{id}/stores`, one journaled step, only for
 * a location without hours). The zone comes from the location's coordinates either way. A failed read is
 * recorded in the step (no retry) and makes the hours unknown: hours only shape the greeting, so they never
 * hold up or refuse a lead.
 */
export async function readStoreHours(
    step: Step,
    nexus: Pick<NexusDirectory, "getStoreHours">,
    retailerId: string,
    location: NexusLocation,
): Promise<StoreHours> {
    if (!hoursMissing(location.hours_of_operation)) return storeHoursOf(location);
    const read = await step("Fetch store hours from Nexus", async () => {
        try {
            return { stores: await nexus.getStoreHours(retailerId) };
        } catch (error) {
            return { failed: error instanceof Error ? error.message : String(error) };
        }
    });
    if ("failed" in read) return { known: false, reason: `the store hours could not be read: ${read.failed}` };
    const store = read.stores?.find((s) => s.id === location.id || s.location_id === location.id);
    return storeHoursOf({ ...location, hours_of_operation: store?.hours_of_operation });
}
