import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { web2TextRequest } from "../../support/factories";
import { INTEGRATIONS, syncedMessageIds, syncLead, waitUntilSynced } from "../../support/leads";
import { conversation, type SandboxConversation, textAs } from "../../support/twilio";
import { vendors } from "../../support/vendors";
import { createLead, sharedTarget, TwilioView } from "../../support/web2text";

/** Who wrote a conversation message, as RLM and DHQ must name them. */
function expectedSender(message: SandboxConversation["messages"][number], customer: string, name: string) {
    if (message.attributes.SystemMessage === true) return "System";
    return message.author === customer ? name : "Dealer";
}

const isPhone = (author: string | null) => author !== null && /^\+\d{8,15}$/.test(author);

describe("WEB2TEXT lead → RLM and DealerHQ (shared stack)", () => {
    it("creates one RLM lead and one DHQ inquiry; a 5-message exchange lands once each, in order, named", async () => {
        const id = crypto.randomUUID();
        const tag = `E2e${id.slice(0, 8)}`;
        const request = web2TextRequest({ SyncImmediately: true, Lead: { Name: `Dana ${tag}` } });
        const customer = request.Lead.PhoneNumber;

        const t = sharedTarget();
        await createLead(t, request, id);
        const created = await waitUntilSynced(t, id, INTEGRATIONS.WEB2TEXT);
        const sid = TwilioView.parse(created.Integrations.Twilio?.Data).ConversationSID;

        // The pool numbers the conversation gave each side, from the sandbox's own view of the thread.
        const thread = await conversation(t, sid);
        const customerSide = thread.participants.find((p) => p.address === customer);
        const dealerSide = thread.participants.find((p) => p.role === "dealer");
        if (!customerSide?.proxyAddress || !dealerSide?.address || !dealerSide.proxyAddress) {
            throw new Error(`conversation ${sid} lacks an SMS participant: ${JSON.stringify(thread.participants)}`);
        }
        const sides = {
            customer: { from: customer, to: customerSide.proxyAddress },
            dealer: { from: dealerSide.address, to: dealerSide.proxyAddress },
        };
        const exchange = [
            ["customer", `Hi, is the oak still in stock? ${tag}-1`],
            ["dealer", `Yes, we have 600 sq ft. ${tag}-2`],
            ["customer", `Great, can I come by Saturday? ${tag}-3`],
            ["dealer", `Sure, we open at 9. ${tag}-4`],
            ["customer", `See you then! ${tag}-5`],
        ] as const;
        for (const [side, body] of exchange) {
            const { from, to } = sides[side];
            expect((await textAs(t, from, to, body)).delivered).toBe("conversation");
        }

        // The conversation's webhooks sync the lead; wait until both vendors have the last message.
        const rlmLead = async () => (await vendors().rlm()).filter((r) => r.lead.last_name === tag);
        const dhqLead = async () => (await vendors().dhq()).filter((r) => r.inquiry.inquiry.external_id === id);
        const last = exchange[4][1];
        await eventually("the last message in RLM notes and DHQ comments", async () => {
            const [rlm, dhq] = [await rlmLead(), await dhqLead()];
            const copied = rlm[0]?.notes.some((n) => n.message.includes(last));
            return copied && dhq[0]?.comments.some((c) => c.body.includes(last)) ? true : undefined;
        });
        // One more sync copies nothing again.
        const after = await syncLead(t, id);

        const rlm = await rlmLead();
        const dhq = await dhqLead();
        expect(rlm).toHaveLength(1);
        expect(dhq).toHaveLength(1);
        expect(rlm[0]).toMatchObject({ idempotencyKey: `${id}:RLM:create`, lead: { phone: customer } });
        expect(dhq[0]).toMatchObject({ idempotencyKey: `${id}:DHQ:create`, retailerId: request.UniversalRetailerId });

        // Every phone-authored message of the thread (greetings included) exactly once, in thread order.
        const messages = (await conversation(t, sid)).messages.filter((m) => isPhone(m.author));
        const name = request.Lead.Name;
        expect(rlm[0]?.notes.map((n) => [n.idempotencyKey, n.sender_name, n.message])).toEqual(
            messages.map((m) => [`${id}:RLM:${m.sid}`, expectedSender(m, customer, name), `\n\n${m.body}`]),
        );
        expect(dhq[0]?.comments.map((c) => [c.idempotencyKey, c.body.split("\n\n")[0]])).toEqual(
            messages.map((m) => [`${id}:DHQ:${m.sid}`, `**| ${expectedSender(m, customer, name)}**`]),
        );
        // Our five, in order, under the right names.
        const ours = (texts: string[]) => texts.filter((t) => t.includes(`${tag}-`));
        expect(ours(rlm[0]?.notes.map((n) => `${n.sender_name}: ${n.message.trim()}`) ?? [])).toEqual(
            exchange.map(([side, body]) => `${side === "customer" ? name : "Dealer"}: ${body}`),
        );
        expect(ours(dhq[0]?.comments.map((c) => c.body) ?? [])).toEqual(
            exchange.map(([side, body]) => `**| ${side === "customer" ? name : "Dealer"}**\n\n${body}`),
        );
        expect(messages.filter((m) => m.attributes.SystemMessage === true).length).toBeGreaterThan(0);

        const sids = messages.map((m) => m.sid);
        expect(after.Integrations.RLM?.SyncStatus).toBe("SYNCED");
        expect(after.Integrations.DHQ).toMatchObject({ SyncStatus: "SYNCED", Data: { LeadId: dhq[0]?.id } });
        expect(syncedMessageIds(after, "RLM")).toEqual(sids);
        expect(syncedMessageIds(after, "DHQ")).toEqual(sids);
    });
});
