/**
 * The lead processor killed with SIGKILL in the middle of a Web2Text sync, then started again: the sync
 * resumes from Restate's journal and ends with one conversation and one greeting per side. Twilio calls are
 * slowed down (a sandbox fault) so the kill lands while the sync is under way.
 */
import type { Stack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { startOwnStack } from "../../support/own-stack";
import {
    conversations,
    conversationsOfLead,
    inbox,
    inboxOf,
    type SandboxConversation,
    slowTwilio,
} from "../../support/twilio";
import {
    createLead,
    leadState,
    SLOW_STACK_MS,
    type StackTarget,
    store,
    targetOf,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

describe("a crash in the middle of a Web2Text sync", WEB2TEXT_TEST_TIMEOUT, () => {
    let own: Stack | undefined;
    let t: StackTarget;
    const storeNumber = store("chicago").web2TextNumber;

    beforeAll(async () => {
        own = await startOwnStack();
        t = targetOf(own);
    });
    afterAll(async () => {
        await own?.stop();
    });

    async function crashWhen(what: string, phone: string, seen: (leadId: string) => Promise<boolean>) {
        if (!own) throw new Error("no stack");
        await slowTwilio(t, 300);
        const leadId = await createLead(t, web2TextLead("chicago", phone));
        await eventually(what, async () => ((await seen(leadId)) ? true : undefined), SLOW_STACK_MS);
        const before = await leadState(t, leadId);
        await own.parts.leadProcessor.kill9();
        // The kill landed in the middle of the sync: the Twilio integration had not finished.
        expect(before.Status).toBe("SYNCING");
        expect(before.Integrations.Twilio).toBeUndefined();
        await slowTwilio(t, undefined);
        await own.startPart("leadProcessor");
        return { leadId, twilio: await twilioSynced(t, leadId) };
    }

    async function expectOneThreadAndOneGreetingEach(leadId: string, phone: string): Promise<SandboxConversation> {
        const mine = await conversationsOfLead(t, leadId);
        expect(mine).toHaveLength(1);
        const [thread] = mine;
        if (!thread) throw new Error("no conversation");
        const withCustomer = (await conversations(t)).filter((c) => c.participants.some((p) => p.address === phone));
        expect(withCustomer.map((c) => c.sid)).toEqual([thread.sid]);
        expect(thread.webhooks).toHaveLength(2);
        expect(thread.participants.filter((p) => p.identity === "Broadlume")).toHaveLength(1);
        expect(thread.messages.map((m) => m.attributes.Kind)).toEqual(["DealerGreeting", "CustomerGreeting"]);
        expect(await inbox(t, phone)).toHaveLength(1);
        expect(await inboxOf(t, storeNumber, thread.sid)).toHaveLength(1);
        return thread;
    }

    it("right after the conversation was created", async () => {
        const phone = uniquePhone();
        const { leadId, twilio } = await crashWhen(
            "the conversation to exist",
            phone,
            async (id) => (await conversationsOfLead(t, id)).length > 0,
        );
        const thread = await expectOneThreadAndOneGreetingEach(leadId, phone);
        expect(thread.sid).toBe(twilio.ConversationSID);
    });

    it("right after the dealer greeting went out", async () => {
        const phone = uniquePhone();
        const { leadId } = await crashWhen("the dealer greeting", phone, async (id) => {
            const [thread] = await conversationsOfLead(t, id);
            return thread ? (await inboxOf(t, storeNumber, thread.sid)).length > 0 : false;
        });
        await expectOneThreadAndOneGreetingEach(leadId, phone);
    });
});
