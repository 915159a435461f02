/**
 * The sandbox page in a real headless Chromium: it lists a conversation made through the twilio library,
 * and a text typed as the customer reaches the dealer's thread. Runs against a sandbox of its own, so the
 * page shows only this test's conversation.
 */
import { createTwilioClient } from "common/twilio";
import { freePort, httpOk, REPO_ROOT, waitUntil } from "devstack";
import type { Browser } from "playwright-core";
import { seed } from "sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserTitle, hasChromium, launchChromium } from "../support/browser";

describe.skipIf(!hasChromium)(browserTitle("sandbox page in headless Chromium"), () => {
    let sandbox: Bun.Subprocess | undefined;
    let browser: Browser | undefined;
    let base = "";

    beforeAll(async () => {
        const port = await freePort();
        base = `http://127.0.0.1:${port}`;
        sandbox = Bun.spawn([process.execPath, "modules/sandbox/src/main.ts"], {
            cwd: REPO_ROOT,
            env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), HOST: "127.0.0.1" },
            stdout: "ignore",
            stderr: "inherit",
        });
        await waitUntil("sandbox /health", () => httpOk(`${base}/health`));
        browser = await launchChromium();
    });

    afterAll(async () => {
        await browser?.close();
        sandbox?.kill();
        await sandbox?.exited;
    });

    it("lists a conversation and carries a customer's text to the dealer's thread", async () => {
        const customer = "+13125550133";
        const dealer = "+13125550142";
        const twilio = createTwilioClient({
            accountSid: seed.twilio.accountSid,
            authToken: seed.twilio.authToken,
            apiBaseUrl: base,
        });
        const conversation = await twilio.conversations.v1.conversations.create({
            friendlyName: "Prairie Floors\nPrairie Floors Chicago\nWeb2Text Lead with +13125550133",
            attributes: JSON.stringify({ LeadIds: [crypto.randomUUID()], StorePhoneNumber: dealer }),
        });
        const participants = twilio.conversations.v1.conversations(conversation.sid).participants;
        await participants.create({
            "messagingBinding.address": customer,
            "messagingBinding.proxyAddress": "+13125550101",
        });
        await participants.create({
            "messagingBinding.address": dealer,
            "messagingBinding.proxyAddress": "+13125550102",
        });

        const page = await (browser as Browser).newPage();
        await page.goto(base);
        const listed = page.getByTestId(`conversation-${conversation.sid}`);
        await listed.waitFor({ timeout: 10_000 });
        expect(await listed.textContent()).toContain("Prairie Floors Chicago");
        expect(await listed.textContent()).toContain("Customer +1 (312) 555-0133 ⇄ +1 (312) 555-0101");
        await listed.click();

        const text = `Do you carry white oak? ${crypto.randomUUID().slice(0, 8)}`;
        const customerPhone = page.getByTestId(`phone-${customer}`);
        await customerPhone.getByLabel(`Text as customer ${customer}`).fill(text);
        await customerPhone.getByRole("button", { name: "Send" }).click();

        await page.getByTestId(`thread-${dealer}`).getByText(text).waitFor({ timeout: 10_000 });
        await page.getByTestId(`thread-${customer}`).getByText(text).waitFor({ timeout: 10_000 });

        const inbox = (await (await fetch(`${base}/__sandbox/phones/${dealer}`)).json()) as {
            from: string;
            body: string;
        }[];
        expect(inbox).toEqual([expect.objectContaining({ from: "+13125550102", body: text })]);
        await page.close();
    });
});
