import { basicAuthMatches } from "../core/basic-auth";
import { json } from "../core/router";
import type { VendorRegistration } from "./index";
import { nexusData, retailerBody, storeHoursBody } from "./nexus-data";

/**
 * The old Nexus API under `/nexus` (the lead processor's `NEXUS_API_URL`), serving the seeded retailers:
 * `GET /retailers/{id}`, `/retailers/{id}/subscriptions` and `/retailers/{id}/stores` (opening hours). Every
 * call needs HTTP Basic with the seed's `nexus.username`/`nexus.password` (401 otherwise); an unknown retailer
 * is 404. Calls are recorded as `nexus`.
 */
export const registerNexus: VendorRegistration = (router, { seed, storeHours }) => {
    const data = nexusData(seed);
    const authorized = (req: Request) =>
        basicAuthMatches(req.headers.get("authorization"), seed.nexus.username, seed.nexus.password);
    const unauthorized = () =>
        json({ message: "Unauthorized" }, 401, { "www-authenticate": 'Basic realm="Nexus", charset="UTF-8"' });
    const notFound = () => json({ message: "Retailer not found" }, 404);

    router.add("GET", "/nexus/retailers/:id", "nexus", ({ req, params }) => {
        if (!authorized(req)) return unauthorized();
        const found = data.retailer(params.id);
        return found ? json(retailerBody(found)) : notFound();
    });
    router.add("GET", "/nexus/retailers/:id/subscriptions", "nexus", ({ req, params }) => {
        if (!authorized(req)) return unauthorized();
        const found = data.retailer(params.id);
        if (!found) return notFound();
        return json(found.subscriptions.map((s, i) => ({ id: `${found.UniversalRetailerId}-sub-${i + 1}`, ...s })));
    });
    router.add("GET", "/nexus/retailers/:id/stores", "nexus", ({ req, params }) => {
        if (!authorized(req)) return unauthorized();
        const found = data.retailer(params.id);
        return found ? json(found.locations.map((l) => storeHoursBody(l, storeHours))) : notFound();
    });
    return undefined;
};
