import { json, type Router } from "../../core/router";
import { byRest } from "./cause";
import type { TwilioSandbox } from "./context";
import { CONVERSATIONS, findConversation } from "./conversations.routes";
import { notFound } from "./errors";
import { jsonAttributes, noContent, param, type TwilioRouteInput, twilioRoute } from "./http";
import { addMessage, removeMessage, updateMessage } from "./messages";
import { listPage, messageJson, receiptJson } from "./wire";

/** Conversation messages (create delivers by SMS and fires webhooks) and their delivery receipts. */
export function registerMessageRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const route = (handler: Parameters<typeof twilioRoute>[1]) => twilioRoute(sb.credentials, handler);
    const base = `${CONVERSATIONS}/:sid/Messages`;
    const find = (input: TwilioRouteInput) => {
        const conversation = findConversation(sb, param(input, "sid"));
        const sid = param(input, "messageSid");
        const message = conversation.messages.find((m) => m.sid === sid);
        if (!message) throw notFound(`/v1/Conversations/${conversation.sid}/Messages/${sid}`);
        return { conversation, message };
    };

    router.add(
        "POST",
        base,
        service,
        route((input) => {
            const { form } = input;
            const conversation = findConversation(sb, param(input, "sid"));
            const author = form.get("Author");
            const body = form.get("Body");
            const message = addMessage(sb, conversation, {
                cause: byRest(input),
                attributes: jsonAttributes(form.get("Attributes"), "{}"),
                ...(author !== undefined ? { author } : {}),
                ...(body !== undefined ? { body } : {}),
            });
            return json(messageJson(sb.wire, message), 201);
        }),
    );

    router.add(
        "GET",
        base,
        service,
        route((input) => {
            const conversation = findConversation(sb, param(input, "sid"));
            const ordered = [...conversation.messages].sort((a, b) => a.index - b.index);
            if (input.url.searchParams.get("Order") === "desc") ordered.reverse();
            return json(listPage(sb.wire, input.url, "messages", ordered, (m) => messageJson(sb.wire, m)));
        }),
    );

    router.add(
        "GET",
        `${base}/:messageSid`,
        service,
        route((input) => json(messageJson(sb.wire, find(input).message))),
    );

    router.add(
        "POST",
        `${base}/:messageSid`,
        service,
        route((input) => {
            const { form } = input;
            const { conversation, message } = find(input);
            const author = form.get("Author");
            const body = form.get("Body");
            const attributes = form.get("Attributes");
            updateMessage(
                sb,
                conversation,
                message,
                {
                    ...(author !== undefined ? { author } : {}),
                    ...(body !== undefined ? { body } : {}),
                    ...(attributes !== undefined ? { attributes: jsonAttributes(attributes, "{}") } : {}),
                },
                byRest(input),
            );
            return json(messageJson(sb.wire, message));
        }),
    );

    router.add(
        "DELETE",
        `${base}/:messageSid`,
        service,
        route((input) => {
            const { conversation, message } = find(input);
            removeMessage(sb, conversation, message, byRest(input));
            return noContent();
        }),
    );

    router.add(
        "GET",
        `${base}/:messageSid/Receipts`,
        service,
        route((input) => {
            const { message } = find(input);
            return json(
                listPage(sb.wire, input.url, "delivery_receipts", message.receipts, (r) => receiptJson(sb.wire, r)),
            );
        }),
    );

    router.add(
        "GET",
        `${base}/:messageSid/Receipts/:receiptSid`,
        service,
        route((input) => {
            const { conversation, message } = find(input);
            const sid = param(input, "receiptSid");
            const receipt = message.receipts.find((r) => r.sid === sid);
            if (!receipt)
                throw notFound(`/v1/Conversations/${conversation.sid}/Messages/${message.sid}/Receipts/${sid}`);
            return json(receiptJson(sb.wire, receipt));
        }),
    );
}
