import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const CREDS = {
    grant_type: "password",
    username: "sandbox-acton-user",
    password: "sandbox-acton-password",
    client_id: "sandbox-acton-client",
    client_secret: "sandbox-acton-secret",
};
const Token = z.object({ access_token: z.string(), expires_in: z.number() });
const Added = z.object({ status: z.string(), id: z.string(), contact_id: z.string() });
const accessToken = async () => Token.parse(await (await token()).json()).access_token;
const added = async (res: Promise<Response>) => Added.parse(await (await res).json());

const token = (form: Record<string, string> = CREDS) =>
    sb.fetch(
        new Request("http://sandbox.test/acton/token", {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(form).toString(),
        }),
    );
const record = (listId: string, body: unknown, bearer?: string) =>
    sb.fetch(
        new Request(`http://sandbox.test/acton/api/1/list/${listId}/record`, {
            method: "POST",
            headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
            body: JSON.stringify(body),
        }),
    );
/** "Update Contact Record by Email": `PUT …/record?email=` updates the first record with that e-mail or adds one. */
const upsert = (listId: string, email: string, body: unknown, bearer?: string) =>
    sb.fetch(
        new Request(`http://sandbox.test/acton/api/1/list/${listId}/record?email=${encodeURIComponent(email)}`, {
            method: "PUT",
            headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
            body: JSON.stringify(body),
        }),
    );
const CONTACT = { "First Name": "Ada", "Last Name": "Lovelace", "E-mail Address": "ada@example.com" };

describe("ActOn stand-in", () => {
    it("issues expiring tokens to the seeded credentials only", async () => {
        const res = await token();
        expect(await res.json()).toMatchObject({ access_token: expect.stringMatching(/^acton-/), expires_in: 3600 });
        expect((await token({ ...CREDS, password: "wrong" })).status).toBe(400);
        expect((await token({ ...CREDS, client_secret: "wrong" })).status).toBe(401);
    });

    // developer.act-on.com, "Add a Contact": POST adds an individual contact; nothing documents a merge by e-mail.
    it("adds a record for every POST with a valid token, even for an e-mail the list already has", async () => {
        const access = await accessToken();
        const first = await added(record("l-0001", CONTACT, access));
        expect(first).toMatchObject({ status: "success", id: expect.stringMatching(/^l-0001:/), contact_id: first.id });
        const again = await added(record("l-0001", { ...CONTACT, notes: "x" }, access));
        expect(again.id).not.toBe(first.id);
    });

    // developer.act-on.com, "Update Contact Record by Email": the first record with that e-mail is updated, and if
    // none is found a new record is added to the list.
    it("upserts by e-mail with PUT ?email=: one record per e-mail, each write counted", async () => {
        const access = await accessToken();
        const first = await added(upsert("l-0001", "ada@example.com", CONTACT, access));
        expect(first).toMatchObject({ status: "success", id: expect.stringMatching(/^l-0001:/) });
        const again = await added(upsert("l-0001", "Ada@Example.com", { ...CONTACT, notes: "x" }, access));
        expect(again.id).toBe(first.id);
        const other = await added(
            upsert("l-0001", "b@example.com", { ...CONTACT, "E-mail Address": "b@example.com" }, access),
        );
        expect(other.id).not.toBe(first.id);
        const listed = await sb.fetch(new Request("http://sandbox.test/__sandbox/acton/records"));
        expect(await listed.json()).toMatchObject([
            { id: first.id, writes: 2, fields: { ...CONTACT, notes: "x" } },
            { id: other.id, writes: 1 },
        ]);
        expect((await upsert("l-0001", "", CONTACT, access)).status).toBe(400);
        expect((await upsert("l-0001", "ada@example.com", CONTACT)).status).toBe(401);
    });

    it("answers 401 without a token or after the tokens are expired", async () => {
        expect((await record("l-0001", CONTACT)).status).toBe(401);
        const access = await accessToken();
        await sb.fetch(new Request("http://sandbox.test/__sandbox/acton/tokens", { method: "DELETE" }));
        expect((await record("l-0001", CONTACT, access)).status).toBe(401);
    });

    it("refuses a body that is not an object, or a record without a text e-mail", async () => {
        const access = await accessToken();
        expect((await record("l-0001", ["not", "an", "object"], access)).status).toBe(400);
        expect((await record("l-0001", { a: 1 }, access)).status).toBe(400);
        expect((await record("l-0001", { "First Name": "Ada" }, access)).status).toBe(400);
        expect((await record("l-0001", { ...CONTACT, "E-mail Address": 5 }, access)).status).toBe(400);
        expect(sb.recorder.list({ service: "acton" })).toHaveLength(5);
    });

    it("keeps a form's own fields whatever JSON value they hold", async () => {
        const access = await accessToken();
        const extras = { visits: 3, optedIn: true, rooms: ["kitchen", "hall"], utm: { source: "ad" }, gone: null };
        expect((await record("l-0002", { ...CONTACT, ...extras }, access)).status).toBe(200);
        const listed = await sb.fetch(new Request("http://sandbox.test/__sandbox/acton/records"));
        expect(await listed.json()).toEqual([
            expect.objectContaining({ listId: "l-0002", fields: { ...CONTACT, ...extras } }),
        ]);
    });
});
