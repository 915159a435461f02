import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createTwilioClient } from "common/twilio";
import { REPO_ROOT } from "devstack";
import { conversationWebhooks, webhookUrl } from "lead-processor";
import { type ServedSandbox, seed, serveSandbox } from "sandbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { cutover } from "../cutover";
import { isStaleHandlerWebhook, targetOf } from "../cutover/plan";
import { runCutover } from "../cutover/run";
import { cutoverSettings } from "../cutover/settings";
import { type CutoverTwilio, cutoverTwilio } from "../cutover/twilio-account";
import { progressReporter } from "../lib/progress";

const OUR_INGRESS = "https://restate.new-deployment.example";
const OLD_INGRESS = "https://old-web2text.example";
const account = seed.twilio;
const OTHER_SERVICE = `MG${"e".repeat(32)}`;

let served: ServedSandbox;
let env: Record<string, string>;
const client = () =>
    createTwilioClient({
        accountSid: account.accountSid,
        authToken: account.authToken,
        apiBaseUrl: env.TWILIO_API_BASE_URL,
    });

beforeAll(() => {
    served = serveSandbox({ seed, inboundWebhookUrl: `${OLD_INGRESS}/TwilioWebhooks/onIncomingMessage` });
    env = {
        TWILIO_ACCOUNT_SID: account.accountSid,
        TWILIO_AUTH_TOKEN: account.authToken,
        TWILIO_MESSAGING_SERVICE_SID: account.messagingServiceSid,
        TWILIO_API_BASE_URL: served.base,
        PUBLIC_RESTATE_INGRESS_URL: OUR_INGRESS,
    };
});
afterAll(() => served.stop());

/** A conversation as the old system left it: its two webhooks at its own host, plus someone else's. */
async function oldThread(options: { state?: "active" | "inactive" | "closed"; service?: string } = {}) {
    const conversations = client().conversations.v1.conversations;
    const created = await conversations.create({
        friendlyName: "Prairie Floors - Main St - +13125550123",
        messagingServiceSid: options.service ?? account.messagingServiceSid,
        attributes: JSON.stringify({ LeadIds: [crypto.randomUUID()] }),
    });
    const webhooks = conversations(created.sid).webhooks;
    const add = (url: string, filters: string[]) =>
        webhooks.create({
            target: "webhook",
            "configuration.url": url,
            "configuration.method": "post",
            "configuration.filters": filters,
        });
    await add(`${OLD_INGRESS}/TwilioWebhooks/sync`, ["onMessageAdded", "onMessageRemoved", "onMessageUpdated"]);
    await add(`${OLD_INGRESS}/TwilioWebhooks/close`, ["onConversationStateUpdated"]);
    await add("https://analytics.example/hooks/twilio", ["onMessageAdded"]);
    if (options.state && options.state !== "active") await conversations(created.sid).update({ state: options.state });
    return created.sid;
}

const Configuration = z.object({ url: z.string(), filters: z.array(z.string()) });
const webhooksOf = async (sid: string) =>
    (await client().conversations.v1.conversations(sid).webhooks.list()).map((w) => ({
        sid: w.sid,
        ...Configuration.parse(w.configuration),
    }));
const inboundUrl = async () =>
    (await client().messaging.v1.services(account.messagingServiceSid).fetch()).inboundRequestUrl;

/** Runs the command as `bun run cutover` would, capturing what it prints. */
async function run(argv: string[], twilio?: CutoverTwilio) {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((text) => {
        out.push(String(text));
        return true;
    });
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
        const code = await cutover(argv, env, twilio);
        return { code, out: out.join("") };
    } finally {
        write.mockRestore();
        err.mockRestore();
    }
}

describe("bun run cutover against the sandbox's Twilio", () => {
    let active: string;
    let inactive: string;
    let closed: string;
    let foreign: string;

    beforeAll(async () => {
        active = await oldThread();
        inactive = await oldThread({ state: "inactive" });
        closed = await oldThread({ state: "closed" });
        foreign = await oldThread({ service: OTHER_SERVICE });
    });

    it("reports in a dry run what it would change, and changes nothing", async () => {
        const before = await webhooksOf(active);
        const { code, out } = await run(["--verbose"]);
        expect(code).toBe(0);
        expect(out).toContain(
            `inbound webhook: ${OLD_INGRESS}/TwilioWebhooks/onIncomingMessage → ${OUR_INGRESS}/TwilioWebhooks/onIncomingMessage (would change)`,
        );
        expect(out).toMatch(/open conversations: \d+ \(\d+ active, \d+ inactive\)/);
        expect(out).toContain(
            `${active} active "Prairie Floors - Main St - +*******0123": would add sync, close; would remove 2 old webhooks (old-web2text.example)`,
        );
        expect(out).toContain("dry run: nothing was changed");
        expect(out).not.toContain("+13125550123");
        expect(await webhooksOf(active)).toEqual(before);
        expect(await inboundUrl()).toBe(`${OLD_INGRESS}/TwilioWebhooks/onIncomingMessage`);
    });

    it("with --apply gives open conversations a new lead's webhooks, drops the old ones, keeps the rest", async () => {
        const { code, out } = await run(["--apply"]);
        expect(code).toBe(0);
        expect(out).toMatch(
            /re-pointed: \d+ conversations \(\d+ webhooks added, \d+ removed\); 0 already pointed here; 0 failed/,
        );
        const wanted = conversationWebhooks(OUR_INGRESS).map((w) => ({ url: w.url, filters: w.filters }));
        for (const sid of [active, inactive]) {
            const now = (await webhooksOf(sid)).map(({ url, filters }) => ({ url, filters }));
            expect(now).toEqual(
                expect.arrayContaining([
                    ...wanted,
                    { url: "https://analytics.example/hooks/twilio", filters: ["onMessageAdded"] },
                ]),
            );
            expect(now).toHaveLength(3);
        }
        for (const sid of [closed, foreign]) {
            const untouched = (await webhooksOf(sid)).map((w) => w.url);
            expect(untouched).toEqual([
                `${OLD_INGRESS}/TwilioWebhooks/sync`,
                `${OLD_INGRESS}/TwilioWebhooks/close`,
                "https://analytics.example/hooks/twilio",
            ]);
        }
        expect(await inboundUrl()).toBe(webhookUrl(OUR_INGRESS, "onIncomingMessage"));
    });

    it("changes nothing the second time", async () => {
        const before = await webhooksOf(active);
        const { code, out } = await run(["--apply", "--verbose"]);
        expect(code).toBe(0);
        expect(out).toContain(`inbound webhook: already ${OUR_INGRESS}/TwilioWebhooks/onIncomingMessage`);
        expect(out).toMatch(/re-pointed: 0 conversations \(0 webhooks added, 0 removed\)/);
        expect(out).toContain(`${active} active "Prairie Floors - Main St - +*******0123": already points here`);
        expect(out).toContain("nothing to change");
        expect(await webhooksOf(active)).toEqual(before);
    });

    it("finishes a run that died half-way: a failed conversation is reported (exit 1) and done by the next run", async () => {
        const sid = await oldThread();
        const real = cutoverTwilio(cutoverSettings(env));
        let failures = 1;
        const flaky: CutoverTwilio = {
            ...real,
            removeWebhook: async (conversation, webhook) => {
                if (conversation === sid && failures-- > 0) throw new Error("Twilio answered 503");
                return real.removeWebhook(conversation, webhook);
            },
        };
        const first = await run(["--apply"], flaky);
        expect(first.code).toBe(1);
        expect(first.out).toContain(
            `${sid} active "Prairie Floors - Main St - +*******0123": FAILED: Twilio answered 503`,
        );
        expect(first.out).toContain("run the same command again to finish");
        // Half-way: ours added, one old webhook still there.
        expect((await webhooksOf(sid)).map((w) => w.url)).toContain(`${OUR_INGRESS}/TwilioWebhooks/sync`);
        expect((await webhooksOf(sid)).map((w) => w.url)).toContain(`${OLD_INGRESS}/TwilioWebhooks/sync`);

        const second = await run(["--apply"], flaky);
        expect(second.code).toBe(0);
        expect(second.out).toMatch(/re-pointed: 1 conversation \(0 webhooks added, 2 removed\)/);
        expect((await webhooksOf(sid)).map((w) => w.url).sort()).toEqual(
            [
                `${OUR_INGRESS}/TwilioWebhooks/close`,
                `${OUR_INGRESS}/TwilioWebhooks/sync`,
                "https://analytics.example/hooks/twilio",
            ].sort(),
        );
    });
});

describe("what the cutover counts as the old system's webhook", () => {
    const wanted = targetOf(OUR_INGRESS).conversationWebhooks;
    const record = (url: string | null) => ({ sid: "WH1", url, method: "POST", filters: [] });

    it.each([
        [`${OLD_INGRESS}/TwilioWebhooks/sync`, true],
        ["http://10.0.0.7:8080/TwilioWebhooks/close", true],
        [`${OUR_INGRESS}/TwilioWebhooks/sync`, false],
        [`${OLD_INGRESS}/TwilioWebhooks/onIncomingMessage`, false],
        ["https://analytics.example/hooks/twilio", false],
        [null, false],
        ["not a url", false],
    ])("%s → %s", (url, stale) => {
        expect(isStaleHandlerWebhook(record(url), wanted)).toBe(stale);
    });
});

describe("runCutover", () => {
    it("reports progress for every conversation", async () => {
        const seen: [number, number][] = [];
        const fake: CutoverTwilio = {
            openConversations: async () =>
                [1, 2, 3].map((i) => ({ sid: `CH${i}`, state: "active" as const, friendlyName: null })),
            listWebhooks: async () => [],
            addWebhook: async () => undefined,
            removeWebhook: async () => undefined,
            inboundRequestUrl: async () => null,
            setInboundRequestUrl: async () => undefined,
        };
        const report = await runCutover(fake, targetOf(OUR_INGRESS), {
            apply: false,
            onProgress: (d, t) => seen.push([d, t]),
        });
        expect(report.outcomes).toHaveLength(3);
        expect(seen[0]).toEqual([0, 3]);
        expect(seen.at(-1)).toEqual([3, 3]);
    });
});

describe("progress output", () => {
    const sink = (isTTY: boolean) => {
        const written: string[] = [];
        return { isTTY, written, write: (text: string) => written.push(text) };
    };

    it("draws a bar in place on a terminal", () => {
        const tty = sink(true);
        const report = progressReporter("cutover", tty);
        report(0, 4);
        report(2, 4);
        report(4, 4);
        expect(tty.written[1]).toBe(`\rcutover [${"#".repeat(15)}${"-".repeat(15)}] 2/4`);
        expect(tty.written.at(-1)).toBe("\n");
    });

    it("prints plain lines at each tenth elsewhere", () => {
        const plain = sink(false);
        const report = progressReporter("cutover", plain);
        for (let i = 0; i <= 100; i++) report(i, 100);
        expect(plain.written).toHaveLength(11);
        expect(plain.written.at(-1)).toBe("cutover: 100/100\n");
    });
});

describe("bun run cutover arguments and settings", () => {
    const script = (args: string[], extra: Record<string, string> = {}) =>
        spawnSync(process.execPath, [join(REPO_ROOT, "scripts/cutover.ts"), ...args], {
            cwd: join(REPO_ROOT, "scripts"),
            env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...extra },
            encoding: "utf8",
        });

    it("prints its help with the settings it reads", () => {
        const help = script(["--help"]);
        expect(help.status).toBe(0);
        expect(help.stdout).toContain("usage: bun run cutover [--apply] [--verbose]");
        expect(help.stdout).toContain("PUBLIC_RESTATE_INGRESS_URL");
    });

    it("refuses an unknown flag or an argument with one line and exit 2", () => {
        for (const args of [["--force"], ["now"]]) {
            const bad = script(args, env);
            expect(bad.status).toBe(2);
            expect(bad.stderr.trim().split("\n")).toHaveLength(1);
            expect(bad.stderr).toMatch(/^cutover: .*see bun run cutover --help/);
        }
    });

    it("names every missing or bad setting on one line, exit 2", () => {
        const bad = script(["--apply"], { TWILIO_ACCOUNT_SID: "nope", TWILIO_AUTH_TOKEN: "x".repeat(32) });
        expect(bad.status).toBe(2);
        expect(bad.stderr.trim().split("\n")).toHaveLength(1);
        expect(bad.stderr).toContain("TWILIO_ACCOUNT_SID: must look like AC followed by 32 hex characters");
        expect(bad.stderr).toContain("PUBLIC_RESTATE_INGRESS_URL: is required but not set");
    });
});
