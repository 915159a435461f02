/** Participant operations, with Twilio's binding rules. */
import { E164 } from "common";
import type { Cause } from "./cause";
import type { TwilioSandbox } from "./context";
import { conversationClosed, invalidParameter, TwilioError } from "./errors";
import { participantEvent } from "./events";
import { type Conversation, newSid, type Participant } from "./store";

/** A new participant: a chat identity, or an SMS address with its proxy (pool) number. */
export interface ParticipantInput {
    identity?: string;
    address?: string;
    proxyAddress?: string;
    attributes?: string;
}

/** Checks an SMS binding: valid numbers, a proxy from the pool, and a pair free in every open conversation. */
function checkBinding(sb: TwilioSandbox, c: Conversation, address: string, proxyAddress: string | undefined): string {
    if (!E164.safeParse(address).success) {
        throw new TwilioError(400, 50407, `Invalid messaging binding address '${address}'`);
    }
    if (!proxyAddress) throw new TwilioError(400, 50412, "Participant proxy address is empty");
    if (!E164.safeParse(proxyAddress).success || !sb.store.inPool(proxyAddress)) {
        throw new TwilioError(400, 50408, `Invalid participant proxy address '${proxyAddress}'`);
    }
    if (address === proxyAddress) throw new TwilioError(400, 50409, "Participant address equals proxy address");
    const holder = sb.store.openBinding(address, proxyAddress);
    if (holder) {
        throw new TwilioError(
            409,
            50416,
            `A binding for this participant and proxy address already exists in Conversation ${holder.conversation.sid}`,
        );
    }
    if (c.participants.some((p) => p.address === address)) {
        throw new TwilioError(409, 50433, `Participant with address ${address} already exists in this conversation`);
    }
    return proxyAddress;
}

/** Adds a participant (duplicate identity or address: 409 / 50433; pair in use: 409 / 50416). */
export function addParticipant(sb: TwilioSandbox, c: Conversation, input: ParticipantInput, cause: Cause): Participant {
    if (c.state === "closed") throw conversationClosed(c.sid);
    if (input.identity !== undefined && input.address !== undefined) {
        throw invalidParameter("A participant has either an Identity or a MessagingBinding.Address, not both");
    }
    if (!input.identity && !input.address) {
        throw invalidParameter("Either Identity or MessagingBinding.Address is required");
    }
    if (input.identity && c.participants.some((p) => p.identity === input.identity)) {
        throw new TwilioError(409, 50433, "Participant already exists");
    }
    const proxyAddress = input.address ? checkBinding(sb, c, input.address, input.proxyAddress) : null;
    const now = new Date();
    const participant: Participant = {
        sid: newSid("MB"),
        conversationSid: c.sid,
        identity: input.identity ?? null,
        address: input.address ?? null,
        proxyAddress,
        attributes: input.attributes ?? "{}",
        dateCreated: now,
        dateUpdated: now,
    };
    c.participants.push(participant);
    sb.webhooks.emit(c, "onParticipantAdded", participantEvent(sb, c, participant, "onParticipantAdded"), cause);
    return participant;
}

/** Removes a participant, releasing its binding. */
export function removeParticipant(sb: TwilioSandbox, c: Conversation, participant: Participant, cause: Cause): void {
    c.participants = c.participants.filter((p) => p !== participant);
    sb.webhooks.emit(c, "onParticipantRemoved", participantEvent(sb, c, participant, "onParticipantRemoved"), cause);
}
