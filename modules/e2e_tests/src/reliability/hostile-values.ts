/**
 * The hostile values the hostile-input scenario generates (fast-check), shared by its create bodies and its
 * open-lead lookups, and the raw POST both send them with.
 */
import fc from "fast-check";
import { ApiKeysTable, createDocumentClient, tableNames } from "lead-processor";
import type { Context } from "./context";

const INJECTIONS = [
    "'; DROP TABLE leads; --",
    '" OR "1"="1',
    "<script>alert(1)</script>",
    `$\{jndi:ldap://x.example/a}`,
    "{{7*7}}",
    "../../../../etc/passwd",
    "\u0000\u0001\u202e",
    "$(rm -rf /)",
    '{"$gt": ""}',
    "%00%0d%0aSet-Cookie: x=y",
];
export const hostileString = fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
);
export const notUuid = hostileString.filter(
    (s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s.trim()),
);
export const notPhone = hostileString.filter((s) => (s.match(/\d/g) ?? []).length < 7);
export const notEmail = hostileString.filter((s) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.trim()));
export const notString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(hostileString, { maxLength: 3 }),
    fc.object({ maxDepth: 1 }),
);
export const notBoolean = fc.oneof(
    hostileString,
    fc.integer(),
    fc.constant(null),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
);
/** A 1 MB string: over the 256 KB body limit in any field. */
export const MB = "x".repeat(1024 * 1024);

/** POSTs raw text through ingress (with the run's key unless `auth` says otherwise); status and the first 160 characters. */
export async function post(
    ctx: Context,
    path: string,
    text: string | undefined,
    auth: string | null = `Bearer ${ctx.t.apiKey}`,
) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth !== null) headers.authorization = auth;
    const res = await fetch(`${ctx.t.ingress}${path}`, {
        method: "POST",
        headers,
        ...(text === undefined ? {} : { body: text }),
    });
    return { status: res.status, text: (await res.text()).slice(0, 160) };
}

/** Stores an API key in the run's stack (its secret is added to those the log scan looks for). */
export async function seedKey(ctx: Context, active: boolean, endpoints: string[]): Promise<string> {
    const db = createDocumentClient({ region: "us-east-1", endpoint: ctx.stack.urls.dynamo });
    const keys = new ApiKeysTable(db, tableNames(ctx.stack.tablePrefix).apiKeys);
    const key = crypto.randomUUID();
    await keys.put({
        API_Key: key,
        Active: active,
        AuthorizedEndpoints: endpoints,
        DateCreated: new Date().toISOString(),
        Description: "reliability",
    });
    ctx.secrets.add(key);
    return key;
}
