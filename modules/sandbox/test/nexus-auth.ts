import { z } from "zod";
import type { Sandbox } from "../src/app";
import { seed } from "../src/seed";

/** The old Nexus API's HTTP Basic header for the seed's credentials. */
export const NEXUS_BASIC = `Basic ${btoa(`${seed.nexus.username}:${seed.nexus.password}`)}`;

const Token = z.object({ access_token: z.string(), expires_in: z.number(), token_type: z.literal("Bearer") });

/** A bearer token for AWS Nexus, issued by the sandbox's Cognito to the seed's app client. */
export async function nexusBearer(sb: Sandbox): Promise<string> {
    const res = await sb.fetch(
        new Request("http://sandbox.test/cognito/oauth2/token", {
            method: "POST",
            headers: {
                authorization: `Basic ${btoa(`${seed.nexus.cognito.clientId}:${seed.nexus.cognito.clientSecret}`)}`,
                "content-type": "application/x-www-form-urlencoded",
            },
            body: "grant_type=client_credentials",
        }),
    );
    return `Bearer ${Token.parse(await res.json()).access_token}`;
}
