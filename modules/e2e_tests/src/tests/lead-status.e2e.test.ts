import { describe, expect, it } from "vitest";
import { call, stack } from "../support/api";

describe("Lead/status through Restate ingress", () => {
    it("reports an unknown lead as NONEXISTANT", async () => {
        const res = await call(`/Lead/${crypto.randomUUID()}/status`, { method: "GET" });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ Status: "NONEXISTANT" });
    });

    it("refuses a call without an API key with 401 and a reason", async () => {
        const res = await call(`/Lead/${crypto.randomUUID()}/status`, { method: "GET", auth: null });
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ message: "Must pass authorization header with valid API key" });
    });

    it("accepts the internal credential as a bare header value", async () => {
        const res = await call(`/Lead/${crypto.randomUUID()}/status`, { method: "GET", auth: stack().internalToken });
        expect(res.status).toBe(200);
    });
});
