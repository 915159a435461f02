import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const HEADERS = {
    authorization: "Bearer sandbox-botpress-token",
    "x-bot-id": "sandbox-bot",
    "x-workspace-id": "sandbox-workspace",
};
const Found = z.object({
    rows: z.array(
        z.looseObject({ id: z.number(), conversationId: z.string(), topics: z.array(z.string()).nullable() }),
    ),
    hasMore: z.boolean(),
    offset: z.number(),
    limit: z.number(),
});
const rowsOf = async (res: Promise<Response>) => Found.parse(await (await res).json()).rows;

const find = (
    conversationId: string,
    headers: Record<string, string> = HEADERS,
    table = "Int_Connor_Conversations_Table",
) =>
    sb.fetch(
        new Request(`http://sandbox.test/botpress/v1/tables/${table}/rows/find`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ filter: { conversationId: { $eq: conversationId } } }),
        }),
    );

describe("Botpress stand-in", () => {
    it("finds the seeded summary rows by conversation id", async () => {
        const body = Found.parse(await (await find("bp-demo-1")).json());
        expect(body).toMatchObject({ hasMore: false, offset: 0 });
        expect(body.rows).toHaveLength(1);
        expect(body.rows[0]).toMatchObject({ conversationId: "bp-demo-1", summary: expect.any(String) });
        expect((await rowsOf(find("bp-demo-2")))[0]?.topics).toBeNull();
        expect(await rowsOf(find("unknown"))).toEqual([]);
    });

    it("adds rows through the control endpoint", async () => {
        const added = await sb.fetch(
            new Request("http://sandbox.test/__sandbox/botpress/rows", {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ conversationId: "bp-new", topics: ["tile"] }),
            }),
        );
        expect(added.status).toBe(201);
        const rows = await rowsOf(find("bp-new"));
        expect(rows[0]).toMatchObject({ conversationId: "bp-new", topics: ["tile"], id: expect.any(Number) });
    });

    it("checks token, bot, workspace and table; records calls as botpress", async () => {
        expect((await find("bp-demo-1", { ...HEADERS, authorization: "Bearer nope" })).status).toBe(401);
        expect((await find("bp-demo-1", { ...HEADERS, "x-bot-id": "other" })).status).toBe(401);
        expect((await find("bp-demo-1", HEADERS, "Other_Table")).status).toBe(404);
        expect(sb.recorder.list({ service: "botpress" })).toHaveLength(3);
    });
});
