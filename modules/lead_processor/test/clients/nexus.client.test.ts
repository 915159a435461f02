import { retailerFor, seed } from "sandbox";
import { describe, expect, it } from "vitest";
import { NexusClient } from "../../src/clients/nexus/nexus.client";
import { LeadProcessorConfig } from "../../src/config";
import { useSandboxServer } from "./sandbox-server";
import { vendorFailure } from "./vendor-clients";

// The production-shaped Nexus wiring (`NexusClient.fromConfig`) against the sandbox: the old API with HTTP
// Basic, and AWS Nexus behind the Secrets Manager → Cognito token flow through the real AWS SDK.
const server = useSandboxServer();

const nexus = (overrides: Record<string, string> = {}) =>
    NexusClient.fromConfig(LeadProcessorConfig.parse({ ...server().env, ...overrides }));
/** `METHOD path` of every call the Nexus side of the sandbox received, in order. */
const calls = () =>
    server()
        .sandbox.recorder.list()
        .filter((c) => ["nexus", "nexus-aws", "secretsmanager", "cognito"].includes(c.service))
        .map((c) => `${c.service} ${c.method} ${c.path}`);

const valid = retailerFor("valid");
const location = valid.locations[0];
if (!location) throw new Error("the seed's valid retailer has no location");

describe("NexusClient from the lead processor's settings, against the sandbox", () => {
    it("reads retailers from the old Nexus and stores from AWS Nexus, with one secret read and one token", async () => {
        const client = nexus();
        expect(await client.getRetailer(valid.UniversalRetailerId)).toMatchObject({ name: valid.name });
        expect(await client.getStoreHours(valid.UniversalRetailerId)).toHaveLength(valid.locations.length);
        expect(await client.getRetailerLocations(valid.UniversalRetailerId)).toHaveLength(valid.locations.length);
        expect(await client.getLocation(location.id)).toMatchObject({ id: location.id });
        expect(calls()).toEqual([
            `nexus GET /nexus/retailers/${valid.UniversalRetailerId}`,
            `nexus GET /nexus/retailers/${valid.UniversalRetailerId}/stores`,
            "secretsmanager POST /secretsmanager/",
            "cognito POST /cognito/oauth2/token",
            "nexus-aws GET /nexus-aws/nexus/retailerLocations",
            "nexus-aws GET /nexus-aws/nexus/location",
        ]);
        const [secretRead] = server().sandbox.recorder.list({ service: "secretsmanager" });
        expect(secretRead?.headers["x-amz-target"]).toBe("secretsmanager.GetSecretValue");
        expect(secretRead?.body).toEqual({
            SecretId: server().env.NEXUS_AWS_API_SECRET_NAME,
            VersionStage: "AWSCURRENT",
        });
    });

    it("recovers from an expired token with one refresh (secret read again, new token, same call)", async () => {
        const client = nexus();
        await client.getLocation(location.id);
        expect(await server().control("DELETE", "/__sandbox/cognito/tokens")).toBe(204);
        expect(await client.getLocation(location.id)).toMatchObject({ id: location.id });
        expect(calls().slice(3)).toEqual([
            "nexus-aws GET /nexus-aws/nexus/location",
            "secretsmanager POST /secretsmanager/",
            "cognito POST /cognito/oauth2/token",
            "nexus-aws GET /nexus-aws/nexus/location",
        ]);
    });

    it("refuses a wrong NEXUS_API_PASSWORD with one call and a clear, non-retryable error", async () => {
        const error = await vendorFailure(
            nexus({ NEXUS_API_PASSWORD: "wrong" }).getRetailer(valid.UniversalRetailerId),
        );
        expect(error).toMatchObject({ vendor: "Nexus", kind: "rejected", status: 401, retryable: false });
        expect(error.message).toContain("answered 401 (check NEXUS_API_USERNAME and NEXUS_API_PASSWORD)");
        expect(calls()).toHaveLength(1);
    });

    const secretFailures: [string, Record<string, string>, string, string][] = [
        [
            "a wrong NEXUS_AUTH_AWS_ACCESS_KEY_ID",
            { NEXUS_AUTH_AWS_ACCESS_KEY_ID: "AKIAWRONGKEY00000000" },
            "UnrecognizedClientException",
            "check NEXUS_AUTH_AWS_ACCESS_KEY_ID",
        ],
        [
            "a wrong NEXUS_AUTH_AWS_SECRET_ACCESS_KEY",
            { NEXUS_AUTH_AWS_SECRET_ACCESS_KEY: "wrong" },
            "InvalidSignatureException",
            "NEXUS_AUTH_AWS_SECRET_ACCESS_KEY",
        ],
        [
            "an unknown NEXUS_AWS_API_SECRET_NAME",
            { NEXUS_AWS_API_SECRET_NAME: "no/such/secret" },
            "ResourceNotFoundException",
            "check NEXUS_AWS_API_SECRET_NAME",
        ],
    ];
    for (const [what, overrides, exception, hint] of secretFailures) {
        it(`refuses ${what} at the secret read, without asking Cognito or AWS Nexus`, async () => {
            const error = await vendorFailure(nexus(overrides).getLocation(location.id));
            expect(error).toMatchObject({ vendor: "Nexus AWS secret", kind: "rejected", status: 400 });
            expect(error.message).toContain(exception);
            expect(error.message).toContain(hint);
            expect(calls()).toEqual(["secretsmanager POST /secretsmanager/"]);
        });
    }

    it("refuses a wrong Cognito client secret in the secret, without calling AWS Nexus", async () => {
        const name = encodeURIComponent(server().env.NEXUS_AWS_API_SECRET_NAME ?? "");
        const rotated = JSON.stringify({ ...seed.nexus.cognito, clientSecret: "wrong" });
        expect(
            await server().control("PUT", `/__sandbox/secretsmanager/secrets/${name}`, { SecretString: rotated }),
        ).toBe(200);
        try {
            const error = await vendorFailure(nexus().getLocation(location.id));
            expect(error).toMatchObject({ vendor: "Nexus AWS Cognito", kind: "rejected", status: 400 });
            expect(error.message).toContain("(check clientId and clientSecret in the secret");
            expect(error.message).toContain("invalid_client");
            expect(calls()).toEqual(["secretsmanager POST /secretsmanager/", "cognito POST /cognito/oauth2/token"]);
        } finally {
            const restored = JSON.stringify(seed.nexus.cognito);
            await server().control("PUT", `/__sandbox/secretsmanager/secrets/${name}`, { SecretString: restored });
        }
    });
});
