import { maskPhone } from "common";
import { LIST_PAGE_SIZE } from "common/twilio";
import type { SessionParticipant } from "common/twilio-proxy";
import type { ConversationCreateParams, TwilioApi, TwilioConversation } from "./api";
import { readBinding } from "./bindings";
import { TwilioCallError, TwilioCode } from "./errors";

/**
 * The Conversations calls of a session, each failing with a {@link TwilioCallError} that names what was being
 * done (a 429 reaches here only after the `twilio` library's own retries, see `RATE_LIMIT_RETRIES`).
 */
export class ConversationsGateway {
    constructor(private readonly twilio: TwilioApi) {}

    private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
        try {
            return await run();
        } catch (error) {
            throw new TwilioCallError(action, error);
        }
    }

    private get v1() {
        return this.twilio.conversations.v1;
    }

    /** Proxy numbers the address already uses in active or inactive conversations. */
    async busyProxies(address: string): Promise<Set<string>> {
        const entries = await this.call(`listing the conversations of ${maskPhone(address)}`, () =>
            this.v1.participantConversations.list({ address, pageSize: LIST_PAGE_SIZE }),
        );
        const busy = new Set<string>();
        for (const entry of entries) {
            if (entry.conversationState === "closed") continue;
            const proxy = readBinding(entry.participantMessagingBinding).proxyAddress;
            if (proxy) busy.add(proxy);
        }
        return busy;
    }

    /** The conversation with this unique name, or undefined when Twilio has none. */
    async findByUniqueName(uniqueName: string): Promise<TwilioConversation | undefined> {
        try {
            return await this.call("fetching the conversation by uniqueName", () =>
                this.v1.conversations(uniqueName).fetch(),
            );
        } catch (error) {
            if (error instanceof TwilioCallError && error.twilio?.status === 404) return undefined;
            throw error;
        }
    }

    create(params: ConversationCreateParams): Promise<TwilioConversation> {
        return this.call("creating the conversation", () => this.v1.conversations.create(params));
    }

    /** Adds an SMS participant; a 50416 (pair in use) comes back as a TwilioCallError with that code. */
    async addParticipant(conversationSid: string, address: string, proxyAddress: string): Promise<SessionParticipant> {
        const participant = await this.call(`adding participant ${maskPhone(address)}`, () =>
            this.v1.conversations(conversationSid).participants.create({
                "messagingBinding.address": address,
                "messagingBinding.proxyAddress": proxyAddress,
            }),
        );
        return { sid: participant.sid, address, proxyAddress };
    }

    /** The conversation's SMS participants (those with an address and a proxy address). */
    async smsParticipants(conversationSid: string): Promise<SessionParticipant[]> {
        const participants = await this.call("listing the conversation's participants", () =>
            this.v1.conversations(conversationSid).participants.list(),
        );
        return participants.flatMap((participant) => {
            const { address, proxyAddress } = readBinding(participant.messagingBinding);
            return address && proxyAddress ? [{ sid: participant.sid, address, proxyAddress }] : [];
        });
    }

    async remove(conversationSid: string): Promise<void> {
        await this.call("deleting the conversation", () => this.v1.conversations(conversationSid).remove());
    }
}

export const isPairInUse = (error: unknown) =>
    error instanceof TwilioCallError && error.twilio?.code === TwilioCode.PairInUse;

export const isUniqueNameTaken = (error: unknown) =>
    error instanceof TwilioCallError && error.twilio?.code === TwilioCode.UniqueNameTaken;
