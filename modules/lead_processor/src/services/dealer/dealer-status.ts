import type * as restate from "@restatedev/restate-sdk";
import { Uuid } from "common";
import { badRequest } from "common/restate";
import type { Deps } from "../../deps";
import { checkLocation } from "../../lead/types/web2text/checks/location.check";
import { checkRetailer } from "../../lead/types/web2text/checks/retailer.check";
import { journaledStep } from "../journaled-step";
import { type DealerReport, type LocationReport, locationReport } from "./dealer-report";

/**
 * `Dealer/{UniversalRetailerId}/status`: may this retailer's locations take Web2Text leads? The same checks
 * as lead validation, run for every location. Business negatives are 200 bodies; a non-UUID key is 400.
 */
export async function dealerStatus(ctx: restate.ObjectSharedContext, deps: Deps): Promise<DealerReport> {
    const retailerId = ctx.key;
    if (!Uuid.safeParse(retailerId).success) throw badRequest(`Invalid UniversalRetailerId: '${retailerId}'`);
    const step = journaledStep(ctx);
    const { nexus, phoneLookup } = deps.clients;
    const retailer = await step("Check retailer in Nexus", () => checkRetailer(nexus, retailerId));
    if (retailer.Status !== "VALID") return { Status: retailer.Status, Reason: retailer.Reason };
    const stores = await step(
        "Fetch retailer locations from Nexus",
        async () => (await nexus.getRetailerLocations(retailerId)) ?? [],
    );
    const services = { lookup: phoneLookup, optOuts: deps.tables.optedOutNumbers };
    const Locations: LocationReport[] = [];
    for (const store of stores) {
        const verdict = await checkLocation(step, services, store);
        Locations.push(locationReport(store, verdict.result));
    }
    return { Status: "VALID", Locations };
}
