import { json, type Router } from "../../core/router";
import type { TwilioSandbox } from "./context";
import { CONVERSATIONS, findConversation } from "./conversations.routes";
import { invalidParameter, notFound } from "./errors";
import { type FormFields, noContent, param, type TwilioRouteInput, twilioRoute } from "./http";
import { type ConversationWebhook, newSid } from "./store";
import { listPage, webhookJson } from "./wire";

function method(form: FormFields): ConversationWebhook["method"] | undefined {
    const value = form.get("Configuration.Method");
    if (value === undefined) return undefined;
    const upper = value.toUpperCase();
    if (upper !== "GET" && upper !== "POST") throw invalidParameter("Configuration.Method must be GET or POST");
    return upper;
}

function webhookUrl(form: FormFields): string | undefined {
    const value = form.get("Configuration.Url");
    if (value === undefined) return undefined;
    if (!URL.canParse(value)) throw invalidParameter("Configuration.Url must be an absolute URL");
    return value;
}

/** Conversation-scoped webhooks (target `webhook`): create, list, fetch, update, delete. */
export function registerWebhookRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const route = (handler: Parameters<typeof twilioRoute>[1]) => twilioRoute(sb.credentials, handler);
    const base = `${CONVERSATIONS}/:sid/Webhooks`;
    const find = (input: TwilioRouteInput) => {
        const conversation = findConversation(sb, param(input, "sid"));
        const sid = param(input, "webhookSid");
        const webhook = conversation.webhooks.find((w) => w.sid === sid);
        if (!webhook) throw notFound(`/v1/Conversations/${conversation.sid}/Webhooks/${sid}`);
        return { conversation, webhook };
    };

    router.add(
        "POST",
        base,
        service,
        route((input) => {
            const { form } = input;
            const conversation = findConversation(sb, param(input, "sid"));
            if (form.get("Target") !== "webhook") {
                throw invalidParameter("Target must be 'webhook' (the sandbox does not run Studio flows or triggers)");
            }
            const url = webhookUrl(form);
            if (!url) throw invalidParameter("Configuration.Url is required for a webhook target");
            const now = new Date();
            const webhook: ConversationWebhook = {
                sid: newSid("WH"),
                conversationSid: conversation.sid,
                target: "webhook",
                url,
                method: method(form) ?? "POST",
                filters: form.all("Configuration.Filters"),
                dateCreated: now,
                dateUpdated: now,
            };
            conversation.webhooks.push(webhook);
            return json(webhookJson(sb.wire, webhook), 201);
        }),
    );

    router.add(
        "GET",
        base,
        service,
        route((input) => {
            const conversation = findConversation(sb, param(input, "sid"));
            return json(
                listPage(sb.wire, input.url, "webhooks", conversation.webhooks, (w) => webhookJson(sb.wire, w)),
            );
        }),
    );

    router.add(
        "GET",
        `${base}/:webhookSid`,
        service,
        route((input) => json(webhookJson(sb.wire, find(input).webhook))),
    );

    router.add(
        "POST",
        `${base}/:webhookSid`,
        service,
        route((input) => {
            const { form } = input;
            const { webhook } = find(input);
            const url = webhookUrl(form);
            const newMethod = method(form);
            if (url) webhook.url = url;
            if (newMethod) webhook.method = newMethod;
            if (form.has("Configuration.Filters")) webhook.filters = form.all("Configuration.Filters");
            webhook.dateUpdated = new Date();
            return json(webhookJson(sb.wire, webhook));
        }),
    );

    router.add(
        "DELETE",
        `${base}/:webhookSid`,
        service,
        route((input) => {
            const { conversation, webhook } = find(input);
            conversation.webhooks = conversation.webhooks.filter((w) => w !== webhook);
            return noContent();
        }),
    );
}
