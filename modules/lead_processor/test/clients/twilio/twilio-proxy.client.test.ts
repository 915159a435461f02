import { describe, expect, it } from "vitest";
import { VendorError } from "../../../src/clients/http";
import { TwilioProxyClient } from "../../../src/clients/twilio/twilio-proxy.client";

const SESSION = {
    sid: "CH00000000000000000000000000000001",
    accountSid: "AC00000000000000000000000000000001",
    chatServiceSid: null,
    messagingServiceSid: "MG00000000000000000000000000000001",
    friendlyName: "Prairie Floors",
    uniqueName: "web2text-lead",
    attributes: "{}",
    state: "active",
    timers: { dateInactive: null, dateClosed: null },
    dateCreated: "2026-03-03T10:00:00Z",
    dateUpdated: "2026-03-03T10:00:00Z",
    url: null,
    participants: [{ sid: "MB1", address: "+13125550100", proxyAddress: "+12125550101" }],
    created: true,
};

interface Sent {
    url: string;
    method: string | undefined;
    headers: Headers;
    body: unknown;
}

function client(respond: () => Response) {
    const requests: Sent[] = [];
    const proxy = new TwilioProxyClient({
        baseUrl: "http://proxy.test/",
        user: "local-proxy",
        pass: "secret",
        fetch: async (input, init) => {
            requests.push({
                url: String(input),
                method: init?.method,
                headers: new Headers(init?.headers),
                body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
            });
            return respond();
        },
    });
    return { proxy, requests };
}

describe("Twilio proxy client", () => {
    it("posts the session as JSON with Basic auth and parses the contract's response", async () => {
        const { proxy, requests } = client(() => Response.json(SESSION));
        const session = await proxy.createSession({ addresses: ["+13125550100"], uniqueName: "web2text-lead" });
        expect(session).toEqual(SESSION);
        const [req] = requests;
        expect(req?.url).toBe("http://proxy.test/sessions");
        expect(req?.method).toBe("POST");
        expect(req?.headers.get("authorization")).toBe(`Basic ${btoa("local-proxy:secret")}`);
        expect(req?.body).toEqual({ addresses: ["+13125550100"], uniqueName: "web2text-lead" });
    });

    it("names the proxy's error code, retryable for 503 and final for 4xx", async () => {
        const exhausted = client(() =>
            Response.json({ code: "pool_exhausted", message: "No free number for +*******0100" }, { status: 503 }),
        );
        const error = await exhausted.proxy.createSession({ addresses: ["+13125550100"] }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VendorError);
        expect(error).toMatchObject({ kind: "unavailable", status: 503, retryable: true });
        expect((error as Error).message).toContain("pool_exhausted: No free number");

        const closed = client(() => Response.json({ code: "conversation_closed", message: "closed" }, { status: 409 }));
        const rejected = await closed.proxy.createSession({ addresses: ["+13125550100"] }).catch((e: unknown) => e);
        expect(rejected).toMatchObject({ kind: "rejected", status: 409, retryable: false });
    });

    it("refuses a 200 whose body does not match the contract", async () => {
        const { proxy } = client(() => Response.json({ sid: "CH1" }));
        await expect(proxy.createSession({ addresses: ["+13125550100"] })).rejects.toMatchObject({
            kind: "invalid-response",
        });
    });
});
