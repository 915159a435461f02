/**
 * The local Twilio: Messaging Service numbers, Conversations (participants, messages, receipts, scoped
 * webhooks, timers), Programmable Messaging sends, SMS delivery to simulated phones, the Messaging Service
 * inbound webhook and opt-outs, in Twilio's wire format and with Twilio's error codes, so the product and the
 * Twilio proxy talk to it exactly as to Twilio. Where Twilio's documentation leaves a behaviour open, the
 * sandbox's settings choose (`SETTINGS.md`).
 */
import { registerPage } from "../../page/routes";
import type { VendorRegistration } from "../index";
import { registerApiMessageRoutes } from "./api-messages.routes";
import { Background } from "./background";
import type { TwilioSandbox } from "./context";
import { registerControlRoutes } from "./control.routes";
import { onTimerDue } from "./conversations";
import { registerConversationRoutes } from "./conversations.routes";
import { errorBody, faultError } from "./errors";
import { registerMessageRoutes } from "./messages.routes";
import { registerMessagingRoutes } from "./messaging.routes";
import { newMessagingService, registerMessagingServiceRoutes } from "./messaging-service.routes";
import { SignedSender } from "./outbound";
import { registerParticipantRoutes } from "./participants.routes";
import { registerSmsRoutes } from "./sms.routes";
import { TwilioStore } from "./store";
import { TimerScheduler } from "./timers";
import { WebhookDispatcher } from "./webhooks";
import { registerWebhookRoutes } from "./webhooks.routes";

/** Service name of the Twilio REST routes in call records and the fault switch. */
export const TWILIO_SERVICE = "twilio";

/** Registers the Twilio stand-in; the returned function stops its timers and deliveries. */
export const registerTwilio: VendorRegistration = (router, context) => {
    const { seed, settings, faults } = context;
    const account = seed.twilio;
    const background = new Background();
    const sender = new SignedSender(account.authToken, context.recorder, faults, background.signal);
    faults.speak(TWILIO_SERVICE, (status) => errorBody(faultError(status)));
    const sb: TwilioSandbox = {
        credentials: { accountSid: account.accountSid, authToken: account.authToken },
        wire: {
            accountSid: account.accountSid,
            chatServiceSid: account.chatServiceSid,
            messagingServiceSid: account.messagingServiceSid,
            publicUrl: context.publicUrl.replace(/\/+$/, ""),
        },
        messagingService: newMessagingService(context.inboundWebhookUrl),
        settings,
        faults,
        store: new TwilioStore(account.pool, () => settings.current.optOutScope),
        sender,
        webhooks: new WebhookDispatcher(sender, background, settings),
        timers: new TimerScheduler(background, (sid) => onTimerDue(sb, sid)),
        background,
    };

    registerMessagingRoutes(router, sb, TWILIO_SERVICE);
    registerMessagingServiceRoutes(router, sb, TWILIO_SERVICE);
    registerConversationRoutes(router, sb, TWILIO_SERVICE);
    registerParticipantRoutes(router, sb, TWILIO_SERVICE);
    registerMessageRoutes(router, sb, TWILIO_SERVICE);
    registerWebhookRoutes(router, sb, TWILIO_SERVICE);
    registerApiMessageRoutes(router, sb, TWILIO_SERVICE);
    registerSmsRoutes(router, sb);
    registerControlRoutes(router, sb);
    registerPage(router);

    return () => {
        sb.timers.cancelAll();
        background.stop();
    };
};
