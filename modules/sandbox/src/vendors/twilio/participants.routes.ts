import { json, type Router } from "../../core/router";
import { byRest } from "./cause";
import type { TwilioSandbox } from "./context";
import { CONVERSATIONS, findConversation } from "./conversations.routes";
import { invalidParameter, notFound } from "./errors";
import { jsonAttributes, noContent, param, type TwilioRouteInput, twilioRoute } from "./http";
import { addParticipant, type ParticipantInput, removeParticipant } from "./participants";
import { listPage, participantConversationJson, participantJson } from "./wire";

function participantInput(input: TwilioRouteInput): ParticipantInput {
    const { form } = input;
    const fields: ParticipantInput = {};
    const identity = form.get("Identity");
    const address = form.get("MessagingBinding.Address");
    const proxyAddress = form.get("MessagingBinding.ProxyAddress");
    if (identity) fields.identity = identity;
    if (address) fields.address = address;
    if (proxyAddress !== undefined) fields.proxyAddress = proxyAddress;
    if (form.has("Attributes")) fields.attributes = jsonAttributes(form.get("Attributes"), "{}");
    return fields;
}

/** Conversation participants (SMS bindings or chat identities) and the ParticipantConversations lookup. */
export function registerParticipantRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const route = (handler: Parameters<typeof twilioRoute>[1]) => twilioRoute(sb.credentials, handler);
    const base = `${CONVERSATIONS}/:sid/Participants`;
    const find = (input: TwilioRouteInput) => {
        const conversation = findConversation(sb, param(input, "sid"));
        const sid = param(input, "participantSid");
        const participant = conversation.participants.find((p) => p.sid === sid || p.identity === sid);
        if (!participant) throw notFound(`/v1/Conversations/${conversation.sid}/Participants/${sid}`);
        return { conversation, participant };
    };

    router.add(
        "POST",
        base,
        service,
        route((input) => {
            const conversation = findConversation(sb, param(input, "sid"));
            const participant = addParticipant(sb, conversation, participantInput(input), byRest(input));
            return json(participantJson(sb.wire, participant), 201);
        }),
    );

    router.add(
        "GET",
        base,
        service,
        route((input) => {
            const conversation = findConversation(sb, param(input, "sid"));
            return json(
                listPage(sb.wire, input.url, "participants", conversation.participants, (p) =>
                    participantJson(sb.wire, p),
                ),
            );
        }),
    );

    router.add(
        "GET",
        `${base}/:participantSid`,
        service,
        route((input) => json(participantJson(sb.wire, find(input).participant))),
    );

    router.add(
        "DELETE",
        `${base}/:participantSid`,
        service,
        route((input) => {
            const { conversation, participant } = find(input);
            removeParticipant(sb, conversation, participant, byRest(input));
            return noContent();
        }),
    );

    router.add(
        "GET",
        "/conversations/v1/ParticipantConversations",
        service,
        route(({ url }) => {
            const address = url.searchParams.get("Address") ?? undefined;
            const identity = url.searchParams.get("Identity") ?? undefined;
            if (!address && !identity) throw invalidParameter("Either Address or Identity is required");
            const rows = sb.store.participantsOf({
                ...(address ? { address } : {}),
                ...(identity ? { identity } : {}),
            });
            return json(
                listPage(sb.wire, url, "conversations", rows, ({ conversation, participant }) =>
                    participantConversationJson(sb.wire, conversation, participant),
                ),
            );
        }),
    );
}
