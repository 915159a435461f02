import { describe, expect, it } from "vitest";
import { call, stack } from "../../support/api";
import { runScript } from "../../support/run-command";

/** Runs `bun scripts/api-keys.ts …` against the e2e stack's dynalite (or the given environment). */
function apiKeys(args: string[], env: Record<string, string> = {}) {
    const { urls, tablePrefix } = stack();
    return runScript("scripts/api-keys.ts", args, {
        DYNAMODB_ENDPOINT: urls.dynamo,
        TABLE_PREFIX: tablePrefix,
        ...env,
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/m;

describe.concurrent("scripts/api-keys.ts", () => {
    it("creates a key that works for its endpoints only, shows it once, and lists it masked", async () => {
        const created = await apiKeys([
            "create",
            "--endpoints",
            "Lead/status,Dealer/status",
            "--description",
            "e2e widget",
        ]);
        expect(created.code, created.stderr).toBe(0);
        const key = created.stdout.match(UUID)?.[0];
        if (!key) throw new Error(`no key printed: ${created.stdout}`);
        expect(created.stdout).toContain("it is not shown again");

        const allowed = await call(`/Lead/${crypto.randomUUID()}/status`, { method: "GET", auth: `Bearer ${key}` });
        expect(allowed.status).toBe(200);
        const other = await call(`/Lead/${crypto.randomUUID()}/sync`, { body: {}, auth: `Bearer ${key}` });
        expect(other.status).toBe(401);

        const listed = await apiKeys(["list"]);
        expect(listed.code).toBe(0);
        const line = listed.stdout.split("\n").find((l) => l.startsWith(key.slice(0, 8)));
        expect(line).toMatch(/active .* Lead\/status,Dealer\/status {2}e2e widget$/);
        expect(listed.stdout).not.toContain(key);
    });

    it("deactivates a key by the prefix list shows, after which it is refused", async () => {
        const created = await apiKeys(["create", "--endpoints", "*"]);
        const key = created.stdout.match(UUID)?.[0] ?? "";
        const deactivated = await apiKeys(["deactivate", `${key.slice(0, 8)}…`]);
        expect(deactivated.code, deactivated.stderr).toBe(0);
        expect(deactivated.stdout).toContain(`deactivated ${key.slice(0, 8)}`);
        // The service re-reads the key table every 5 s: the key is refused within that, not necessarily at once.
        const refusedWithin = async (ms: number) => {
            const deadline = Date.now() + ms;
            for (;;) {
                const res = await call(`/Lead/${crypto.randomUUID()}/status`, { method: "GET", auth: `Bearer ${key}` });
                if (res.status !== 200 || Date.now() > deadline) return res.status;
                await Bun.sleep(250);
            }
        };
        expect(await refusedWithin(10_000)).toBe(401);
        expect((await apiKeys(["list"])).stdout).toMatch(new RegExp(`^${key.slice(0, 8)}… {2}inactive`, "m"));
    });

    it.each<[string, string[], Record<string, string>, number, string]>([
        ["no command", [], {}, 2, "usage:"],
        ["an unknown command", ["rotate"], {}, 2, "unknown command 'rotate'"],
        ["create without endpoints", ["create"], {}, 2, "create needs --endpoints"],
        ["an unknown endpoint", ["create", "--endpoints", "/Lead/create"], {}, 2, "unknown endpoint(s) /Lead/create"],
        ["a key nobody has", ["deactivate", "ffffffff-0000"], {}, 1, "no API key starting with 'ffffffff-0000'"],
        ["a too short key", ["deactivate", "abc"], {}, 2, "needs a key or its first 8+ characters"],
        ["a missing table", ["list"], { TABLE_PREFIX: "NOPE" }, 1, "table NOPE_Web2Text_APIKeys at"],
        ["an unreachable DynamoDB", ["list"], { DYNAMODB_ENDPOINT: "http://127.0.0.1:9" }, 1, "cannot use"],
    ])("fails clearly on %s", async (_name, args, env, code, message) => {
        const result = await apiKeys(args, env);
        expect(result.code).toBe(code);
        expect(result.stderr).toContain(message);
    });
});
