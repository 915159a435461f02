import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ActOnClient } from "../../src/clients/acton/acton.client";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorClients, vendorFailure } from "./vendor-clients";

const contact = (email: string) => ({
    "First Name": "Ada",
    "Last Name": "Lovelace",
    "E-mail Address": email,
    "Home Postal Code": "60601",
    preferred_location: "Chicago",
});

let sb: SandboxServer;
beforeAll(() => {
    sb = startSandboxServer();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

const paths = () => sb.calls("acton").map((c) => c.path);

describe("ActOnClient against the sandbox", () => {
    it("fetches one password-grant token for several records", async () => {
        const { acton } = vendorClients(sb);
        const first = await acton.upsertListRecord(
            "l-0001",
            "a@example.com",
            contact("a@example.com"),
            "l-0001:a@example.com",
        );
        await acton.upsertListRecord("l-0001", "b@example.com", contact("b@example.com"), "l-0001:b@example.com");
        await acton.upsertListRecord("l-0002", "c@example.com", contact("c@example.com"), "l-0002:c@example.com");
        expect(first.id).toBeTruthy();
        expect(paths()).toEqual([
            "/acton/token",
            "/acton/api/1/list/l-0001/record",
            "/acton/api/1/list/l-0001/record",
            "/acton/api/1/list/l-0002/record",
        ]);
        const [token, record] = sb.calls("acton");
        expect(token?.body).toEqual({
            grant_type: "password",
            username: sb.env.ACTON_USERNAME,
            password: sb.env.ACTON_PASSWORD,
            client_id: sb.env.ACTON_CLIENT_ID,
            client_secret: sb.env.ACTON_CLIENT_SECRET,
        });
        expect(record?.method).toBe("PUT");
        expect(record?.query).toEqual({ email: "a@example.com" });
        expect(record?.body).toEqual(contact("a@example.com"));
        expect(record?.headers.authorization).toMatch(/^Bearer acton-/);
        expect(record?.headers["idempotency-key"]).toBe("l-0001:a@example.com");
    });

    it("writes with ActOn's upsert by e-mail, so a repeated write lands on the same contact", async () => {
        const { acton } = vendorClients(sb);
        const first = await acton.upsertListRecord(
            "l-0008",
            "a@example.com",
            contact("a@example.com"),
            "L1:ActOn:create",
        );
        const again = await acton.upsertListRecord(
            "l-0008",
            "a@example.com",
            contact("a@example.com"),
            "L1:ActOn:create",
        );
        expect(again.id).toBe(first.id);
        const records = await sb.records("acton", z.array(z.looseObject({ listId: z.string() })));
        expect(records.filter((r) => r.listId === "l-0008")).toMatchObject([{ writes: 2, replays: 0 }]);
    });

    it("shares one in-flight token request between concurrent calls", async () => {
        const { acton } = vendorClients(sb);
        await Promise.all(
            ["1", "2", "3"].map((n) =>
                acton.upsertListRecord("l-0003", `${n}@example.com`, contact(`${n}@example.com`), `key-${n}`),
            ),
        );
        expect(paths().filter((p) => p === "/acton/token")).toHaveLength(1);
    });

    it("refreshes the token once when ActOn answers 401", async () => {
        const { acton } = vendorClients(sb);
        await acton.upsertListRecord("l-0004", "a@example.com", contact("a@example.com"), "l-0004:a@example.com");
        expect(await sb.control("DELETE", "/__sandbox/acton/tokens")).toBe(204);
        await acton.upsertListRecord("l-0004", "b@example.com", contact("b@example.com"), "l-0004:b@example.com");
        expect(paths()).toEqual([
            "/acton/token",
            "/acton/api/1/list/l-0004/record",
            "/acton/api/1/list/l-0004/record",
            "/acton/token",
            "/acton/api/1/list/l-0004/record",
        ]);
        const keys = sb.calls("acton").map((c) => c.headers["idempotency-key"]);
        expect(keys.slice(-3)).toEqual(["l-0004:b@example.com", undefined, "l-0004:b@example.com"]);
    });

    it("renews the token shortly before it expires", async () => {
        let now = 0;
        const acton = new ActOnClient({
            baseUrl: sb.env.ACTON_BASE_URL ?? "",
            credentials: {
                username: sb.env.ACTON_USERNAME ?? "",
                password: sb.env.ACTON_PASSWORD ?? "",
                clientId: sb.env.ACTON_CLIENT_ID ?? "",
                clientSecret: sb.env.ACTON_CLIENT_SECRET ?? "",
            },
            now: () => now,
        });
        await acton.upsertListRecord("l-0005", "a@example.com", contact("a@example.com"), "l-0005:a@example.com");
        now = 58 * 60 * 1000;
        await acton.upsertListRecord("l-0005", "b@example.com", contact("b@example.com"), "l-0005:b@example.com");
        now = 59 * 60 * 1000 + 1;
        await acton.upsertListRecord("l-0005", "c@example.com", contact("c@example.com"), "l-0005:c@example.com");
        expect(paths().filter((p) => p === "/acton/token")).toHaveLength(2);
    });

    it("fails as rejected with wrong credentials, without a second token attempt", async () => {
        const acton = new ActOnClient({
            baseUrl: sb.env.ACTON_BASE_URL ?? "",
            credentials: { username: "x", password: "y", clientId: "sandbox-acton-client", clientSecret: "z" },
        });
        expect(
            await vendorFailure(
                acton.upsertListRecord("l-0006", "a@example.com", contact("a@example.com"), "l-0006:a@example.com"),
            ),
        ).toMatchObject({
            kind: "rejected",
            status: 401,
        });
        expect(paths()).toEqual(["/acton/token"]);
    });

    it("fails as rejected when the record is refused", async () => {
        const { acton } = vendorClients(sb);
        const error = await vendorFailure(
            acton.upsertListRecord("l-0007", " ", { "First Name": "No e-mail" }, "key-7"),
        );
        expect(error).toMatchObject({ kind: "rejected", status: 400 });
    });
});
