import { json, type Router } from "../../core/router";
import type { TwilioSandbox } from "./context";
import { notFound } from "./errors";
import { param, twilioRoute } from "./http";
import { listPage, phoneNumberJson, stableSid } from "./wire";

/** Messaging v1: the Messaging Service's phone numbers (the proxy's number pool). */
export function registerMessagingRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const base = "/messaging/v1/Services/:serviceSid/PhoneNumbers";
    const serviceSid = (input: Parameters<typeof param>[0]) => {
        const sid = param(input, "serviceSid");
        if (sid !== sb.wire.messagingServiceSid) throw notFound(`/v1/Services/${sid}`);
        return sid;
    };

    router.add(
        "GET",
        base,
        service,
        twilioRoute(sb.credentials, (input) => {
            const sid = serviceSid(input);
            const page = listPage(sb.wire, input.url, "phone_numbers", sb.store.pool, (number) =>
                phoneNumberJson(sb.wire, sid, number),
            );
            return json(page);
        }),
    );

    router.add(
        "GET",
        `${base}/:phoneNumberSid`,
        service,
        twilioRoute(sb.credentials, (input) => {
            const sid = serviceSid(input);
            const wanted = param(input, "phoneNumberSid");
            const number = sb.store.pool.find((n) => stableSid("PN", n) === wanted);
            if (!number) throw notFound(`/v1/Services/${sid}/PhoneNumbers/${wanted}`);
            return json(phoneNumberJson(sb.wire, sid, number));
        }),
    );
}
