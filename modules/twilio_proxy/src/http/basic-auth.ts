import { createHash, timingSafeEqual } from "node:crypto";

export interface BasicCredentials {
    username: string;
    password: string;
}

/** Compares in constant time, whatever the lengths (both sides are hashed to 32 bytes first). */
function safeEqual(a: string, b: string): boolean {
    const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
    return timingSafeEqual(digest(a), digest(b));
}

/** Reads `Authorization: Basic …`; undefined when absent or malformed. */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
    const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
    if (!match?.[1]) return undefined;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** True when the header carries exactly the expected user and password; both are always compared. */
export function isAuthorized(header: string | undefined, expected: BasicCredentials): boolean {
    const given = parseBasicAuth(header);
    const userOk = safeEqual(given?.username ?? "", expected.username);
    const passwordOk = safeEqual(given?.password ?? "", expected.password);
    return given !== undefined && userOk && passwordOk;
}
