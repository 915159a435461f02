import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

// Cognito's `/oauth2/token` for the AWS Nexus app client (client-credentials grant).
let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const client = seed.nexus.cognito;
const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;
const token = (form: Record<string, string>, authorization?: string) =>
    sb.fetch(
        new Request("http://sandbox.test/cognito/oauth2/token", {
            method: "POST",
            headers: {
                "content-type": "application/x-www-form-urlencoded",
                ...(authorization ? { authorization } : {}),
            },
            body: new URLSearchParams(form).toString(),
        }),
    );
const control = (method: string, path: string, body?: unknown) =>
    sb.fetch(
        new Request(`http://sandbox.test${path}`, {
            method,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
        }),
    );

describe("Cognito token endpoint stand-in", () => {
    it("issues a bearer token to the seeded client authenticated with HTTP Basic (or in the body)", async () => {
        const res = await token({ grant_type: "client_credentials" }, basic(client.clientId, client.clientSecret));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: "Bearer" });
        const inBody = await token({
            grant_type: "client_credentials",
            client_id: client.clientId,
            client_secret: client.clientSecret,
        });
        expect(inBody.status).toBe(200);
        expect(sb.recorder.list({ service: "cognito" })).toHaveLength(2);
    });

    it("answers 400 invalid_client for a wrong or missing client, and names a wrong grant", async () => {
        for (const auth of [basic(client.clientId, "wrong"), basic("someone-else", client.clientSecret), undefined]) {
            const res = await token({ grant_type: "client_credentials" }, auth);
            expect(res.status).toBe(400);
            expect(await res.json()).toEqual({ error: "invalid_client" });
        }
        const grant = await token({ grant_type: "password" }, basic(client.clientId, client.clientSecret));
        expect(await grant.json()).toEqual({ error: "unsupported_grant_type" });
    });

    it("states the lifetime set through the control endpoint in expires_in, and refuses a bad one", async () => {
        expect((await control("PUT", "/__sandbox/cognito/token-lifetime", { seconds: 5 })).status).toBe(200);
        const res = await token({ grant_type: "client_credentials" }, basic(client.clientId, client.clientSecret));
        expect(await res.json()).toMatchObject({ expires_in: 5 });
        expect((await control("PUT", "/__sandbox/cognito/token-lifetime", { seconds: 0 })).status).toBe(400);
        expect((await control("PUT", "/__sandbox/cognito/token-lifetime", { minutes: 1 })).status).toBe(400);
    });
});
