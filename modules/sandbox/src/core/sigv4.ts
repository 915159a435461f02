import { createHash, createHmac } from "node:crypto";

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface SigV4Authorization {
    accessKeyId: string;
    /** `<yyyymmdd>/<region>/<service>/aws4_request`. */
    scope: string;
    signedHeaders: string[];
    signature: string;
}

const AUTHORIZATION =
    /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/;

export function parseSigV4(header: string | null): SigV4Authorization | undefined {
    const match = AUTHORIZATION.exec(header?.trim() ?? "");
    if (!match) return undefined;
    const [, accessKeyId = "", scope = "", signedHeaders = "", signature = ""] = match;
    return { accessKeyId, scope, signedHeaders: signedHeaders.split(";"), signature };
}

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const encode = (value: string) =>
    encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Whether a request carries a valid Signature Version 4 for `secretAccessKey`: the canonical request (method,
 * path, sorted query, the signed headers, the body's SHA-256), the string to sign and the derived signing key,
 * as AWS's "Create a signed AWS API request" guide describes them.
 */
export function sigV4Matches(
    req: Request,
    url: URL,
    rawBody: string,
    auth: SigV4Authorization,
    secretAccessKey: string,
): boolean {
    const amzDate = req.headers.get("x-amz-date");
    if (!amzDate) return false;
    const query = [...url.searchParams]
        .map(([k, v]) => `${encode(k)}=${encode(v)}`)
        .sort()
        .join("&");
    const headers = auth.signedHeaders
        .map((name) => `${name}:${(req.headers.get(name) ?? "").trim().replace(/\s+/g, " ")}\n`)
        .join("");
    const canonical = [
        req.method,
        url.pathname,
        query,
        headers,
        auth.signedHeaders.join(";"),
        req.headers.get("x-amz-content-sha256") ?? sha256(rawBody),
    ].join("\n");
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, auth.scope, sha256(canonical)].join("\n");
    const key = auth.scope.split("/").reduce<string | Buffer>((k, part) => hmac(k, part), `AWS4${secretAccessKey}`);
    return hmac(key, stringToSign).toString("hex") === auth.signature;
}
