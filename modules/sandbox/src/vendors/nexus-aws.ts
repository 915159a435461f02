import { json } from "../core/router";
import { CognitoTokens, registerCognito } from "./cognito";
import type { VendorRegistration } from "./index";
import { locationBody, nexusData } from "./nexus-data";

/**
 * AWS Nexus under `/nexus-aws` (the lead processor's `NEXUS_AWS_API_URL`) and the Cognito token endpoint that
 * guards it: `GET /nexus-aws/nexus/retailerLocations?retailer_id=` → `{data: [stores]}` and
 * `GET /nexus-aws/nexus/location?location_id=` → `{data: [store]}` (empty `data` when unknown, 400 without the
 * parameter). Every call needs a live Cognito bearer token, else 401 `{"message":"Unauthorized"}` as API
 * Gateway's Cognito authorizer answers. Calls are recorded as `nexus-aws`.
 */
export const registerNexusAws: VendorRegistration = (router, { seed, storeHours }) => {
    const tokens = new CognitoTokens();
    registerCognito(router, seed, tokens);
    const data = nexusData(seed);
    const unauthorized = () => json({ message: "Unauthorized" }, 401);

    router.add("GET", "/nexus-aws/nexus/retailerLocations", "nexus-aws", ({ req, url }) => {
        if (!tokens.accepts(req.headers.get("authorization"))) return unauthorized();
        const id = url.searchParams.get("retailer_id");
        if (!id) return json({ message: "retailer_id is required" }, 400);
        const found = data.retailer(id);
        return json({ data: found ? found.locations.map((l) => locationBody(found, l, storeHours)) : [] });
    });
    router.add("GET", "/nexus-aws/nexus/location", "nexus-aws", ({ req, url }) => {
        if (!tokens.accepts(req.headers.get("authorization"))) return unauthorized();
        const id = url.searchParams.get("location_id");
        if (!id) return json({ message: "location_id is required" }, 400);
        const found = data.location(id);
        return json({ data: found ? [locationBody(found.retailer, found.location, storeHours)] : [] });
    });
    return undefined;
};
