import { z } from "zod";
import { json, type Router } from "../core/router";
import type { Seed, SeedLocation, SeedRetailer } from "../seed";
import type { VendorRegistration } from "./index";

/** Lifetime of the access tokens the stand-in hands out (Cognito's default is one hour). */
const TOKEN_SECONDS = 3600;

/** A Nexus retailer as the API returns it (fields the lead processor reads, plus a few it ignores). */
function retailerBody(retailer: SeedRetailer) {
    return {
        id: retailer.UniversalRetailerId,
        name: retailer.name,
        status: retailer.status,
        website_url: retailer.website_url,
        rlm_api_key: retailer.rlm_api_key,
        salesforce_url: null,
        account_manager: null,
    };
}

/** A retailer location (store) as `retailerLocations` and `location` return it. */
function locationBody(retailer: SeedRetailer, location: SeedLocation) {
    return {
        ...location,
        location_id: location.id,
        store_name: location.location_name,
        retailer_id: retailer.UniversalRetailerId,
        retailer_account_name: retailer.name,
        store_type: "Retail",
        hours_of_operation: null,
        latitude: null,
        longitude: null,
    };
}

/** Issues and checks client-credentials tokens; `revokeAll` makes every issued token expire at once. */
class TokenIssuer {
    private readonly tokens = new Map<string, number>();

    issue(): { access_token: string; token_type: string; expires_in: number } {
        const token = `nexus-${crypto.randomUUID()}`;
        this.tokens.set(token, Date.now() + TOKEN_SECONDS * 1000);
        return { access_token: token, token_type: "Bearer", expires_in: TOKEN_SECONDS };
    }

    accepts(header: string | null): boolean {
        const token = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
        const expiresAt = token ? this.tokens.get(token) : undefined;
        return expiresAt !== undefined && expiresAt > Date.now();
    }

    revokeAll(): void {
        this.tokens.clear();
    }
}

/** The OAuth2 token request, form-encoded. */
const TokenForm = z.object({
    grant_type: z.string().optional(),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
});

function registerToken(router: Router, seed: Seed, issuer: TokenIssuer): void {
    router.add("POST", "/nexus-auth/oauth2/token", "nexus", ({ body }) => {
        const form = TokenForm.safeParse(body);
        if (!form.success) return json({ error: "invalid_request" }, 400);
        if (form.data.grant_type !== "client_credentials") {
            return json({ error: "unsupported_grant_type" }, 400);
        }
        if (form.data.client_id !== seed.nexus.clientId || form.data.client_secret !== seed.nexus.clientSecret) {
            return json({ error: "invalid_client" }, 401);
        }
        return json(issuer.issue());
    });
    router.add("DELETE", "/__sandbox/nexus/tokens", undefined, () => {
        issuer.revokeAll();
        return new Response(null, { status: 204 });
    });
}

/**
 * Nexus stand-in: the client-credentials token endpoint at `/nexus-auth/oauth2/token` and the retailer API
 * under `/nexus`, serving the seeded retailers. Every API call needs a live bearer token (401 otherwise).
 */
export const registerNexus: VendorRegistration = (router, { seed }) => {
    const issuer = new TokenIssuer();
    registerToken(router, seed, issuer);
    const retailer = (id: string | null) => seed.retailers.find((r) => r.UniversalRetailerId === id);
    const unauthorized = () => json({ message: "Unauthorized" }, 401);

    router.add("GET", "/nexus/retailers/:id", "nexus", ({ req, params }) => {
        if (!issuer.accepts(req.headers.get("authorization"))) return unauthorized();
        const found = retailer(params.id ?? null);
        return found ? json(retailerBody(found)) : json({ message: "Retailer not found" }, 404);
    });
    router.add("GET", "/nexus/retailers/:id/subscriptions", "nexus", ({ req, params }) => {
        if (!issuer.accepts(req.headers.get("authorization"))) return unauthorized();
        const found = retailer(params.id ?? null);
        if (!found) return json({ message: "Retailer not found" }, 404);
        return json(found.subscriptions.map((s, i) => ({ id: `${found.UniversalRetailerId}-sub-${i + 1}`, ...s })));
    });
    router.add("GET", "/nexus/retailerLocations", "nexus", ({ req, url }) => {
        if (!issuer.accepts(req.headers.get("authorization"))) return unauthorized();
        const id = url.searchParams.get("retailer_id");
        if (!id) return json({ message: "retailer_id is required" }, 400);
        const found = retailer(id);
        return json({ data: found ? found.locations.map((l) => locationBody(found, l)) : [] });
    });
    router.add("GET", "/nexus/location", "nexus", ({ req, url }) => {
        if (!issuer.accepts(req.headers.get("authorization"))) return unauthorized();
        const id = url.searchParams.get("location_id");
        if (!id) return json({ message: "location_id is required" }, 400);
        for (const r of seed.retailers) {
            const location = r.locations.find((l) => l.id === id);
            if (location) return json({ data: [locationBody(r, location)] });
        }
        return json({ data: [] });
    });
    return undefined;
};
