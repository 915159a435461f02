/** The user and password of an `Authorization: Basic …` header, or undefined when there is none. */
export function basicCredentials(header: string | null): { user: string; password: string } | undefined {
    const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
    if (!encoded) return undefined;
    let decoded: string;
    try {
        decoded = atob(encoded);
    } catch {
        return undefined;
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Whether an `Authorization` header carries exactly these Basic credentials. */
export function basicAuthMatches(header: string | null, user: string, password: string): boolean {
    const given = basicCredentials(header);
    return given?.user === user && given.password === password;
}
