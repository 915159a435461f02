import { E164 } from "common";
import { json, type Router } from "../../core/router";
import { type ApiSend, apiMessageJson, sendApiMessage } from "./api-messages";
import type { TwilioSandbox } from "./context";
import { notFound, TwilioError } from "./errors";
import { param, type TwilioRouteInput, twilioRoute } from "./http";

/** The 2010-04-01 API's base path for this account (only the seeded account exists). */
const ACCOUNT = "/api/2010-04-01/Accounts/:accountSid";

/** The send's parameters, refused with the codes Twilio uses (21602, 21603, 21604, 21211, 21606). */
function apiSend(sb: TwilioSandbox, input: TwilioRouteInput): ApiSend {
    const { form } = input;
    const to = form.get("To");
    const body = form.get("Body");
    const from = form.get("From");
    const messagingServiceSid = form.get("MessagingServiceSid");
    if (!to) throw new TwilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.safeParse(to).success) throw new TwilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!body) throw new TwilioError(400, 21602, "Message body is required.");
    if (!from && !messagingServiceSid) throw new TwilioError(400, 21603, "A 'From' phone number is required.");
    if (messagingServiceSid && messagingServiceSid !== sb.wire.messagingServiceSid) {
        throw notFound(`/v1/Services/${messagingServiceSid}`);
    }
    if (from && !sb.store.inPool(from)) {
        throw new TwilioError(
            400,
            21606,
            `The 'From' phone number ${from} is not a message-capable number of this account.`,
        );
    }
    return { to, body, ...(from ? { from } : {}), ...(messagingServiceSid ? { messagingServiceSid } : {}) };
}

/** Programmable Messaging: send a message and fetch it (its status and error code). */
export function registerApiMessageRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const route = (handler: Parameters<typeof twilioRoute>[1]) =>
        twilioRoute(sb.credentials, (input) => {
            const account = param(input, "accountSid");
            if (account !== sb.wire.accountSid) throw notFound(`/2010-04-01/Accounts/${account}`);
            return handler(input);
        });

    router.add(
        "POST",
        `${ACCOUNT}/Messages.json`,
        service,
        route((input) => json(apiMessageJson(sb, sendApiMessage(sb, apiSend(sb, input))), 201)),
    );

    router.add(
        "GET",
        `${ACCOUNT}/Messages/:messageSid.json`,
        service,
        route((input) => {
            const sid = param(input, "messageSid");
            const message = sb.store.apiMessages.get(sid);
            if (!message) throw notFound(`/2010-04-01/Accounts/${sb.wire.accountSid}/Messages/${sid}.json`);
            return json(apiMessageJson(sb, message));
        }),
    );
}
