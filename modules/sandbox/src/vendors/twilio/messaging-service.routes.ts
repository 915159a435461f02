import { json, type Router } from "../../core/router";
import type { TwilioSandbox } from "./context";
import { invalidParameter, notFound } from "./errors";
import { param, type TwilioRouteInput, twilioRoute } from "./http";
import { twilioDate, type WireContext } from "./wire";

/**
 * The Messaging Service the sandbox's pool belongs to. `inboundRequestUrl` is where texts that no open
 * conversation takes (and opt-out keywords) are posted; null disables inbound messages, as at Twilio.
 */
export interface MessagingService {
    friendlyName: string;
    inboundRequestUrl: string | null;
    inboundMethod: "POST";
    dateCreated: Date;
    dateUpdated: Date;
}

/** The service as the sandbox starts: its inbound webhook is the configured URL (or none). */
export function newMessagingService(inboundRequestUrl: string | undefined): MessagingService {
    const now = new Date();
    return {
        friendlyName: "Web2Text",
        inboundRequestUrl: inboundRequestUrl ?? null,
        inboundMethod: "POST",
        dateCreated: now,
        dateUpdated: now,
    };
}

/** A Messaging v1 Service resource (the fields the sandbox models; the rest at Twilio's defaults). */
export function messagingServiceJson(ctx: WireContext, service: MessagingService) {
    const url = `${ctx.publicUrl}/messaging/v1/Services/${ctx.messagingServiceSid}`;
    return {
        sid: ctx.messagingServiceSid,
        account_sid: ctx.accountSid,
        friendly_name: service.friendlyName,
        date_created: twilioDate(service.dateCreated),
        date_updated: twilioDate(service.dateUpdated),
        inbound_request_url: service.inboundRequestUrl,
        inbound_method: service.inboundMethod,
        fallback_url: null,
        fallback_method: "POST",
        status_callback: null,
        sticky_sender: true,
        mms_converter: true,
        smart_encoding: true,
        scan_message_content: "inherit",
        fallback_to_long_code: true,
        area_code_geomatch: true,
        synchronous_validation: false,
        validity_period: 14400,
        use_inbound_webhook_on_number: false,
        usecase: "undeclared",
        us_app_to_person_registered: false,
        url,
        links: { phone_numbers: `${url}/PhoneNumbers` },
    };
}

/** `InboundRequestUrl`: an absolute http(s) URL, or empty to disable inbound messages. */
function inboundRequestUrl(value: string): string | null {
    if (value === "") return null;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
        throw invalidParameter("InboundRequestUrl must be an absolute http(s) URL");
    }
    return value;
}

/**
 * Messaging v1 Service: fetch, and update of `FriendlyName`, `InboundRequestUrl` and `InboundMethod` (only
 * POST: the sandbox delivers inbound texts as form posts). Other parameters are accepted and not modelled.
 */
export function registerMessagingServiceRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const path = "/messaging/v1/Services/:serviceSid";
    const ours = (input: TwilioRouteInput) => {
        const sid = param(input, "serviceSid");
        if (sid !== sb.wire.messagingServiceSid) throw notFound(`/v1/Services/${sid}`);
    };

    router.add(
        "GET",
        path,
        service,
        twilioRoute(sb.credentials, (input) => {
            ours(input);
            return json(messagingServiceJson(sb.wire, sb.messagingService));
        }),
    );

    router.add(
        "POST",
        path,
        service,
        twilioRoute(sb.credentials, (input) => {
            ours(input);
            const { form } = input;
            const method = form.get("InboundMethod");
            if (method !== undefined && method.toUpperCase() !== "POST") {
                throw invalidParameter("InboundMethod must be POST (the sandbox posts inbound texts as forms)");
            }
            const url = form.get("InboundRequestUrl");
            const friendlyName = form.get("FriendlyName");
            const current = sb.messagingService;
            if (url !== undefined) current.inboundRequestUrl = inboundRequestUrl(url);
            if (friendlyName !== undefined) current.friendlyName = friendlyName;
            current.dateUpdated = new Date();
            return json(messagingServiceJson(sb.wire, current));
        }),
    );
}
