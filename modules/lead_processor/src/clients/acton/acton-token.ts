import type { VendorHttp } from "../http";
import type { IssuedToken } from "../token-provider";
import { ActOnTokenResponse } from "./acton.schemas";

export interface ActOnCredentials {
    username: string;
    password: string;
    clientId: string;
    clientSecret: string;
}

/**
 * ActOn's OAuth password grant (`POST /token`), the issuer behind the client's token provider (the old
 * system fetched a token per call; the provider reuses one until shortly before it expires).
 */
export function actOnTokenIssuer(http: VendorHttp, credentials: ActOnCredentials): () => Promise<IssuedToken> {
    return async () => {
        const res = await http.requestParsed("POST", "/token", {
            form: {
                grant_type: "password",
                username: credentials.username,
                password: credentials.password,
                client_id: credentials.clientId,
                client_secret: credentials.clientSecret,
            },
            schema: ActOnTokenResponse,
        });
        return { value: res.access_token, expiresInSeconds: res.expires_in };
    };
}
