/**
 * A resubmit (`ReplaceOpenLead`) whose process dies between closing the old lead and finishing the new one: the
 * lead processor is killed with SIGKILL while the replacing create waits for the old lead's close (Twilio slowed
 * down so the kill lands there). Restate resumes both from their journals: the old lead ends CLOSED with the
 * replacement reason and one close notice, the new one ACTIVE in its own thread, and the customer has exactly one
 * open lead at the store.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { CRASH_RESTATE_ENV } from "../../support/crash";
import { expectOpenLead } from "../../support/open-leads";
import { useOwnStackHandle } from "../../support/own-stack";
import { conversation, conversations, inboxOf, slowTwilio } from "../../support/twilio";
import * as w2t from "../../support/web2text";

const { target: t, stack } = useOwnStackHandle({ restateEnv: CRASH_RESTATE_ENV });

describe("a crash between a resubmit's close of the old lead and its create", w2t.WEB2TEXT_TEST_TIMEOUT, () => {
    it("still ends with the old lead closed once and exactly one open lead", async () => {
        const phone = w2t.uniquePhone();
        const first = await w2t.createLead(t, w2t.web2TextLead("chicago", phone));
        const old = await w2t.twilioSynced(t, first);

        await slowTwilio(t, 400);
        const second = crypto.randomUUID();
        const resubmit = w2t.createLead(t, { ...w2t.web2TextLead("chicago", phone), ReplaceOpenLead: true }, second);
        const reason = `Replaced by lead ${second}`;
        // The claim is done and the old lead's close has begun (its reason is kept before its integrations run).
        const closing = await eventually(
            "the old lead's close to be under way",
            async () => {
                const lead = await w2t.leadState(t, first);
                return lead.CloseReason === reason ? lead : undefined;
            },
            w2t.SLOW_STACK_MS,
        );
        await stack().parts.leadProcessor.kill9();
        expect(closing.Status).not.toBe("CLOSED");
        await slowTwilio(t, undefined);
        await stack().startPart("leadProcessor");

        expect(await resubmit).toBe(second);
        expect(await w2t.leadState(t, first)).toMatchObject({ Status: "CLOSED", CloseReason: reason });
        expect((await conversation(t, old.ConversationSID)).state).toBe("closed");
        const notices = (await inboxOf(t, w2t.store("chicago").web2TextNumber, old.ConversationSID)).filter((m) =>
            m.body.includes("has expired"),
        );
        expect(notices).toHaveLength(1);

        const renewed = await w2t.twilioSynced(t, second);
        await w2t.leadWhen(t, second, "is ACTIVE after its first sync", (lead) => lead.Status === "ACTIVE");
        await expectOpenLead(t, "chicago", phone, second);
        const active = (await conversations(t)).filter(
            (c) => c.state === "active" && c.participants.some((p) => p.address === phone),
        );
        expect(active.map((c) => c.sid)).toEqual([renewed.ConversationSID]);
    });
});
