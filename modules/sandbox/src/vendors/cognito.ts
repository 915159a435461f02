import { z } from "zod";
import { basicCredentials } from "../core/basic-auth";
import { json, type Router } from "../core/router";
import type { Seed } from "../seed";

/** Cognito's default access-token lifetime (one hour). */
const DEFAULT_TOKEN_SECONDS = 3600;

/**
 * The access tokens the Cognito stand-in hands out, checked by the AWS Nexus stand-in. Each expires after the
 * lifetime in force when it was issued (settable, so a test can make one expire); `revokeAll` drops them all.
 */
export class CognitoTokens {
    private readonly tokens = new Map<string, number>();
    lifetimeSeconds = DEFAULT_TOKEN_SECONDS;

    issue(): { access_token: string; expires_in: number; token_type: "Bearer" } {
        const token = `cognito-${crypto.randomUUID()}`;
        this.tokens.set(token, Date.now() + this.lifetimeSeconds * 1000);
        return { access_token: token, expires_in: this.lifetimeSeconds, token_type: "Bearer" };
    }

    /** Whether `Authorization: Bearer <token>` carries a token issued here that has not expired. */
    accepts(header: string | null): boolean {
        const token = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
        const expiresAt = token ? this.tokens.get(token) : undefined;
        return expiresAt !== undefined && expiresAt > Date.now();
    }

    revokeAll(): void {
        this.tokens.clear();
    }
}

/** The token request, form-encoded; the client may authenticate in the body instead of HTTP Basic. */
const TokenForm = z.object({
    grant_type: z.string().optional(),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
    scope: z.string().optional(),
});

const Lifetime = z.object({ seconds: z.number().int().positive().max(86_400) }).strict();

/**
 * Cognito's token endpoint for the AWS Nexus app client, `POST /cognito/oauth2/token` (the lead processor's
 * `NEXUS_AWS_TOKEN_URL` locally): the client-credentials grant, client id and secret as HTTP Basic (or in the
 * body), the seed's `nexus.cognito` client only. Wrong client → 400 `invalid_client`, as Cognito answers.
 * `PUT /__sandbox/cognito/token-lifetime {"seconds": n}` sets the lifetime of tokens issued from then on;
 * `DELETE /__sandbox/cognito/tokens` revokes every issued token. Calls are recorded as `cognito`.
 */
export function registerCognito(router: Router, seed: Seed, tokens: CognitoTokens): void {
    router.add("POST", "/cognito/oauth2/token", "cognito", ({ req, body }) => {
        const form = TokenForm.safeParse(body ?? {});
        if (!form.success) return json({ error: "invalid_request" }, 400);
        if (form.data.grant_type !== "client_credentials") return json({ error: "unsupported_grant_type" }, 400);
        const basic = basicCredentials(req.headers.get("authorization"));
        const id = basic?.user ?? form.data.client_id;
        const secret = basic?.password ?? form.data.client_secret;
        const client = seed.nexus.cognito;
        if (id !== client.clientId || secret !== client.clientSecret) return json({ error: "invalid_client" }, 400);
        return json(tokens.issue());
    });
    router.add("PUT", "/__sandbox/cognito/token-lifetime", undefined, ({ body }) => {
        const parsed = Lifetime.safeParse(body);
        if (!parsed.success) return json({ code: 400, message: 'body must be {"seconds": 1..86400}' }, 400);
        tokens.lifetimeSeconds = parsed.data.seconds;
        return json(parsed.data);
    });
    router.add("DELETE", "/__sandbox/cognito/tokens", undefined, () => {
        tokens.revokeAll();
        return new Response(null, { status: 204 });
    });
}
