import type * as restate from "@restatedev/restate-sdk";
import { z } from "zod";
import { NexusLocation, NexusRetailer } from "../clients/nexus/nexus.types";
import { StoreHours } from "./store-hours/store-hours";

/**
 * The Nexus answers a lead's validation read (its retailer and its store, and the store's hours parsed once in
 * its zone), kept in the lead's Restate state (never in the projection) so its integrations use them instead of
 * reading Nexus again. `hours` is absent for leads created before it was kept.
 */
export const DirectoryFacts = z.object({
    retailer: NexusRetailer,
    location: NexusLocation,
    hours: StoreHours.optional(),
});
export type DirectoryFacts = z.output<typeof DirectoryFacts>;

/** The Restate state key of the lead's {@link DirectoryFacts}; cleared when the lead closes. */
export const DIRECTORY_FACTS_KEY = "nexus";

/** Where a validator hands over the directory answers it read, for the create to keep. */
export type KeepFacts = (facts: DirectoryFacts) => void;

/** The facts the object keeps, or undefined (a lead taken over from DynamoDB, or created before they were kept). */
export async function keptFacts(ctx: restate.ObjectSharedContext): Promise<DirectoryFacts | undefined> {
    const parsed = DirectoryFacts.safeParse(await ctx.get(DIRECTORY_FACTS_KEY));
    return parsed.success ? parsed.data : undefined;
}
