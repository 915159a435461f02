import { formatIssues } from "common";
import { z } from "zod";
import { json } from "../core/router";
import type { Seed, SeedLocation } from "../seed";
import type { VendorRegistration } from "./index";

/** What `hours_of_operation` can be set to: day → hours text (null for a day left empty), a string, or none. */
const HoursOverride = z.object({
    hours_of_operation: z.union([z.record(z.string(), z.string().nullable()), z.string(), z.null()]),
});
type Hours = z.output<typeof HoursOverride>["hours_of_operation"];

/**
 * Store hours set for a test over the seed's (`PUT /__sandbox/nexus/locations/{id}/hours`), one set per sandbox:
 * both Nexus APIs answer with them until `DELETE` (or a restart) puts the seed's hours back.
 */
export class StoreHoursOverrides {
    private readonly hours = new Map<string, Hours>();

    /** The hours Nexus answers with for a location: the override, else the seed's. */
    of(location: SeedLocation): Hours {
        return this.hours.has(location.id) ? (this.hours.get(location.id) ?? null) : location.hours_of_operation;
    }

    set(locationId: string, hours: Hours): void {
        this.hours.set(locationId, hours);
    }

    reset(locationId: string): void {
        this.hours.delete(locationId);
    }
}

const isSeeded = (seed: Seed, id: string | undefined): id is string =>
    seed.retailers.some((r) => r.locations.some((l) => l.id === id));

/**
 * `PUT /__sandbox/nexus/locations/{id}/hours {"hours_of_operation": …}` sets a seeded store's hours in both Nexus
 * APIs (400 naming a bad body, 404 for a location the seed does not have); `DELETE` restores the seed's. Tests use
 * it to make "now" fall inside or outside a store's hours; the lead processor's own clock still decides.
 */
export const registerNexusHours: VendorRegistration = (router, { seed, storeHours }) => {
    router.add("PUT", "/__sandbox/nexus/locations/:id/hours", undefined, ({ params, body }) => {
        const id = params.id;
        if (!isSeeded(seed, id)) return json({ code: 404, message: `No seeded location '${id}'` }, 404);
        const parsed = HoursOverride.safeParse(body);
        if (!parsed.success) return json({ code: 400, message: formatIssues(parsed.error) }, 400);
        storeHours.set(id, parsed.data.hours_of_operation);
        return json(parsed.data);
    });
    router.add("DELETE", "/__sandbox/nexus/locations/:id/hours", undefined, ({ params }) => {
        const id = params.id;
        if (!isSeeded(seed, id)) return json({ code: 404, message: `No seeded location '${id}'` }, 404);
        storeHours.reset(id);
        return new Response(null, { status: 204 });
    });
    return undefined;
};
