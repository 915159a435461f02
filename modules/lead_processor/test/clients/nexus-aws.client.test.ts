import { describe, expect, it } from "vitest";
import type { NexusAwsSecret } from "../../src/clients/nexus/nexus.types";
import { NexusAwsClient } from "../../src/clients/nexus/nexus-aws.client";
import type { NexusAwsSecretSource } from "../../src/clients/nexus/nexus-aws-secret";
import { cognitoTokenIssuer } from "../../src/clients/nexus/nexus-aws-token";
import { TokenProvider } from "../../src/clients/token-provider";
import { fakeFetch } from "./fake-fetch";
import { vendorFailure } from "./vendor-clients";

const SECRET: NexusAwsSecret = {
    userPoolDomainName: "nexus-pool",
    userPoolRegion: "us-west-2",
    clientId: "app-client",
    clientSecret: "app-secret",
};
const TOKEN_URL = "https://nexus-pool.auth.us-west-2.amazoncognito.com/oauth2/token";
const store = { id: 7, location_name: "Chicago", Web2Text_Phone_Number: "(312) 555-0142" };

interface Options {
    /** The client's secret as the fake Cognito knows it (a mismatch is `invalid_client`). */
    cognitoSecret?: string;
    tokenLifetime?: number;
    tokenUrl?: string;
}

/**
 * AWS Nexus over a scripted Cognito (issuing t1, t2, … to the right client) and API; `api` sees only calls
 * with a live token of Cognito's (the `live` set, which a test may empty to expire every token).
 */
function awsNexus(api: (req: Request) => Response, options: Options = {}) {
    const clock = { now: 0 };
    const live = new Set<string>();
    let issued = 0;
    const secretReads: string[] = [];
    const secret: NexusAwsSecretSource = {
        name: "nexus/cognito",
        read: async () => {
            secretReads.push("read");
            return SECRET;
        },
    };
    const fake = fakeFetch(async (req) => {
        if (req.method === "POST") {
            const expected = `Basic ${btoa(`app-client:${options.cognitoSecret ?? "app-secret"}`)}`;
            if (req.headers.get("authorization") !== expected) {
                return Response.json({ error: "invalid_client" }, { status: 400 });
            }
            issued += 1;
            live.add(`t${issued}`);
            const expires_in = options.tokenLifetime ?? 3600;
            return Response.json({ access_token: `t${issued}`, expires_in, token_type: "Bearer" });
        }
        const token = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1];
        if (!token || !live.has(token)) return Response.json({ message: "Unauthorized" }, { status: 401 });
        return api(req);
    });
    const tokens = new TokenProvider({
        issue: cognitoTokenIssuer({ secret, tokenUrl: options.tokenUrl, fetch: fake.fetch }),
        now: () => clock.now,
    });
    const client = new NexusAwsClient({ baseUrl: "https://aws-nexus.test/prod", tokens, fetch: fake.fetch });
    const lines = () => fake.seen.map((s) => s.line);
    return { client, seen: fake.seen, lines, live, clock, secretReads };
}

describe("AWS Nexus client (Cognito bearer token)", () => {
    it("gets a client-credentials token from the secret's user pool domain, then sends it as a bearer token", async () => {
        const { client, seen, lines, secretReads } = awsNexus(() => Response.json({ data: [store, { id: 8 }] }));
        expect(await client.getRetailerLocations("r1")).toHaveLength(2);
        expect(await client.getLocation("loc-1")).toMatchObject({ id: "7", location_name: "Chicago" });
        expect(lines()).toEqual([
            `POST ${TOKEN_URL}`,
            "GET https://aws-nexus.test/prod/nexus/retailerLocations?retailer_id=r1",
            "GET https://aws-nexus.test/prod/nexus/location?location_id=loc-1",
        ]);
        const [token, first, second] = seen;
        expect(token?.body).toBe("grant_type=client_credentials");
        expect(token?.headers).toMatchObject({
            authorization: `Basic ${btoa("app-client:app-secret")}`,
            "content-type": "application/x-www-form-urlencoded",
        });
        expect([first?.headers.authorization, second?.headers.authorization]).toEqual(["Bearer t1", "Bearer t1"]);
        expect(secretReads).toHaveLength(1);
    });

    it("posts to NEXUS_AWS_TOKEN_URL when it is set", async () => {
        const { client, lines } = awsNexus(() => Response.json({ data: [] }), {
            tokenUrl: "http://local.test/oauth2/token",
        });
        await client.getLocation("loc-1");
        expect(lines()[0]).toBe("POST http://local.test/oauth2/token");
    });

    it("keeps the token until shortly before expires_in, then reads the secret and asks Cognito again", async () => {
        const { client, lines, clock, secretReads } = awsNexus(() => Response.json({ data: [store] }), {
            tokenLifetime: 3600,
        });
        await client.getLocation("loc-1");
        clock.now = 58 * 60 * 1000;
        await client.getLocation("loc-1");
        clock.now = 59 * 60 * 1000;
        await client.getLocation("loc-1");
        expect(lines().filter((l) => l.startsWith("POST"))).toHaveLength(2);
        expect(secretReads).toHaveLength(2);
    });

    it("on 401 gets a fresh token once and tries again", async () => {
        const { client, lines, live } = awsNexus(() => Response.json({ data: [store] }));
        await client.getLocation("loc-1");
        live.clear();
        expect(await client.getLocation("loc-1")).toMatchObject({ id: "7" });
        expect(lines().slice(1)).toEqual([
            "GET https://aws-nexus.test/prod/nexus/location?location_id=loc-1",
            "GET https://aws-nexus.test/prod/nexus/location?location_id=loc-1",
            `POST ${TOKEN_URL}`,
            "GET https://aws-nexus.test/prod/nexus/location?location_id=loc-1",
        ]);
    });

    it("gives up after one refresh when the API keeps refusing, with a rejected error", async () => {
        const { client, lines } = awsNexus(() => Response.json({ message: "Unauthorized" }, { status: 401 }));
        const error = await vendorFailure(client.getRetailerLocations("r1"));
        expect(error).toMatchObject({ vendor: "Nexus AWS", kind: "rejected", status: 401, retryable: false });
        expect(error.message).toContain("answered 401 (a fresh Cognito token was refused)");
        expect(lines().filter((l) => l.startsWith("GET"))).toHaveLength(2);
        expect(lines().filter((l) => l.startsWith("POST"))).toHaveLength(2);
    });

    it("fails a wrong Cognito client secret at once, naming the secret to check", async () => {
        const { client, lines } = awsNexus(() => Response.json({ data: [store] }), { cognitoSecret: "rotated" });
        const error = await vendorFailure(client.getLocation("loc-1"));
        expect(error).toMatchObject({ vendor: "Nexus AWS Cognito", kind: "rejected", status: 400 });
        expect(error.message).toBe(
            `Nexus AWS Cognito: POST ${TOKEN_URL} answered 400 (check clientId and clientSecret in the secret 'nexus/cognito'): {"error":"invalid_client"}`,
        );
        expect(lines()).toEqual([`POST ${TOKEN_URL}`]);
    });

    it("reads 404 as null for both reads, and 400 as null for a location", async () => {
        const notFound = awsNexus(() => Response.json({ message: "not found" }, { status: 404 }));
        expect(await notFound.client.getRetailerLocations("x")).toBeNull();
        expect(await notFound.client.getLocation("x")).toBeNull();
        const bad = awsNexus(() => Response.json({ message: "bad id" }, { status: 400 }));
        expect(await bad.client.getLocation("x")).toBeNull();
        expect(await vendorFailure(bad.client.getRetailerLocations("x"))).toMatchObject({ status: 400 });
        const empty = awsNexus(() => Response.json({ data: [] }));
        expect(await empty.client.getLocation("x")).toBeNull();
    });
});
