import { E164, formatIssues } from "common";
import { z } from "zod";
import { json, type Router } from "../../core/router";
import type { TwilioSandbox } from "./context";
import { textFromPhone } from "./phone";

const SmsRequest = z
    .strictObject({
        /** The phone that texts (any E.164 number). */
        from: E164,
        /** A pool number (the Messaging Service's). */
        to: E164,
        body: z.string().max(1600, "must be at most 1600 characters"),
        media: z.array(z.strictObject({ filename: z.string().min(1), contentType: z.string().min(1) })).optional(),
    })
    .refine((sms) => sms.body.trim() !== "" || (sms.media?.length ?? 0) > 0, {
        message: "give a body or media",
        path: ["body"],
    });

const toE164 = (raw: string) => (raw.startsWith("+") ? raw : `+${raw.trim()}`);

/** Playing phones: `POST /__sandbox/sms` texts a pool number; `/__sandbox/phones` shows what phones got. */
export function registerSmsRoutes(router: Router, sb: TwilioSandbox): void {
    router.add("POST", "/__sandbox/sms", undefined, async ({ body }) => {
        const parsed = SmsRequest.safeParse(body);
        if (!parsed.success) return json({ code: 400, message: formatIssues(parsed.error) }, 400);
        const sms = parsed.data;
        if (!sb.store.inPool(sms.to)) {
            return json({ code: 400, message: `to: ${sms.to} is not a number of the Messaging Service pool` }, 400);
        }
        return json(
            await textFromPhone(sb, {
                from: sms.from,
                to: sms.to,
                body: sms.body,
                ...(sms.media ? { media: sms.media } : {}),
            }),
        );
    });

    router.add("GET", "/__sandbox/phones", undefined, () => json(sb.store.allPhoneLogs()));

    router.add("GET", "/__sandbox/phones/:number", undefined, ({ params }) => {
        const phone = toE164(params.number ?? "");
        const received = sb.store
            .phoneLog(phone)
            .filter((event) => event.direction === "received")
            .map(({ direction: _direction, ...event }) => event);
        return json(received);
    });
}
