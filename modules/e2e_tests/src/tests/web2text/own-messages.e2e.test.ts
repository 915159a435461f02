/**
 * The product's own messages never start a sync, whatever Twilio does with webhooks for REST actions. Twilio's
 * REST API takes `X-Twilio-Webhook-Enabled`, and whether a conversation webhook fires for a REST-created
 * message without it is not stated plainly; the sandbox's `restActionsFireWebhooks` offers `never`,
 * `with-header` (the default) and `always`. The product sends no such header: in the first two modes its
 * greetings reach no `TwilioWebhooks` handler at all; in `always` they do, and `TwilioWebhooks/sync` recognises
 * them by their attributes and sends no `Lead/sync`. A person's text starts one sync in every mode. Counted
 * from Restate's `sys_invocation` and the sandbox's webhook call records, on a stack of this file's own.
 */
import type { RestActionsFireWebhooks } from "sandbox";
import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { INTEGRATIONS, waitUntilSynced } from "../../support/leads";
import { useOwnStack } from "../../support/own-stack";
import { leadInvocationsAt, sandboxSettings, serviceInvocationsAt } from "../../support/sandbox";
import { textAs, webhookCalls } from "../../support/twilio";
import { createLead, TwilioView, uniquePhone, WEB2TEXT_TEST_TIMEOUT, web2TextLead } from "../../support/web2text";

const t = useOwnStack();

const completed = (statuses: string[]) => statuses.filter((s) => s === "completed").length;
const twilioWebhooks = async () => completed(await serviceInvocationsAt(t.admin, "TwilioWebhooks"));

const MODES: [RestActionsFireWebhooks, number][] = [
    ["never", 0],
    ["with-header", 0],
    ["always", 2],
];

describe.each(MODES)("restActionsFireWebhooks: %s", (mode, greetingWebhooks) => {
    it("a new lead's greetings start no sync; a person's text starts one", WEB2TEXT_TEST_TIMEOUT, async () => {
        await sandboxSettings(t, { restActionsFireWebhooks: mode });
        const before = await twilioWebhooks();
        const phone = uniquePhone();
        const leadId = await createLead(t, web2TextLead("chicago", phone));
        const lead = await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        const thread = TwilioView.parse(lead.Integrations.Twilio?.Data);
        const calls = async () =>
            (await webhookCalls(t)).filter((c) => c.body.conversationSid === thread.ConversationSID);

        // The greetings' webhooks, where Twilio fires them, reach TwilioWebhooks/sync and are answered.
        const hooks = await eventually("the greetings' webhooks", async () => {
            const seen = await calls();
            return seen.length === greetingWebhooks ? seen : undefined;
        });
        expect(hooks.map((c) => [c.body.eventType, c.body.status])).toEqual(hooks.map(() => ["onMessageAdded", 200]));
        await eventually("TwilioWebhooks to finish with them", async () =>
            (await twilioWebhooks()) === before + greetingWebhooks ? true : undefined,
        );
        // Only create's own sync ran.
        expect(await leadInvocationsAt(t.admin, leadId, "sync")).toEqual(["completed"]);

        const text = await textAs(t, phone, thread.CustomerProxyNumber, "Is the white oak in stock?");
        expect(text.delivered).toBe("conversation");
        await eventually("the text's sync", async () =>
            completed(await leadInvocationsAt(t.admin, leadId, "sync")) === 2 ? true : undefined,
        );
        expect(await twilioWebhooks()).toBe(before + greetingWebhooks + 1);
        const textHook = (await calls()).filter((c) => c.body.params.MessageSid === text.messageSid);
        expect(textHook.map((c) => c.body.status)).toEqual([200]);
    });
});
