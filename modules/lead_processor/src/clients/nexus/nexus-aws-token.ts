import { VendorHttp, type VendorTransport } from "../http";
import type { IssuedToken } from "../token-provider";
import { CognitoToken } from "./nexus.types";
import type { NexusAwsSecretSource } from "./nexus-aws-secret";

export interface CognitoTokenSettings extends VendorTransport {
    /** Where the app client's id and secret come from. */
    secret: NexusAwsSecretSource;
    /** `NEXUS_AWS_TOKEN_URL`: replaces `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`. */
    tokenUrl?: string | undefined;
}

/** The token endpoint of the secret's user pool domain, as Cognito names it. */
export const cognitoTokenUrl = (domain: string, region: string) =>
    `https://${domain}.auth.${region}.amazoncognito.com/oauth2/token`;

/**
 * AWS Nexus's bearer token: reads the Cognito app client from the secret (again at every issue, so a rotated
 * secret is picked up at the next refresh), then asks Cognito's `/oauth2/token` for a client-credentials
 * token with the client id and secret as HTTP Basic auth, as Cognito documents.
 */
export function cognitoTokenIssuer(settings: CognitoTokenSettings): () => Promise<IssuedToken> {
    const { secret } = settings;
    const refused = `check clientId and clientSecret in the secret '${secret.name}'`;
    const http = new VendorHttp({
        vendor: "Nexus AWS Cognito",
        baseUrl: "",
        timeoutMs: settings.timeoutMs ?? 10_000,
        hints: { 400: refused, 401: refused },
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    return async () => {
        const client = await secret.read();
        const url = settings.tokenUrl ?? cognitoTokenUrl(client.userPoolDomainName, client.userPoolRegion);
        const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
        const res = await http.requestParsed("POST", url, {
            form: { grant_type: "client_credentials" },
            headers: { authorization: `Basic ${basic}` },
            schema: CognitoToken,
        });
        return { value: res.access_token, expiresInSeconds: res.expires_in };
    };
}
