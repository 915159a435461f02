import type { Faults } from "../../core/faults";
import type { Settings } from "../../settings/settings";
import type { Background } from "./background";
import type { Credentials } from "./http";
import type { MessagingService } from "./messaging-service.routes";
import type { SignedSender } from "./outbound";
import type { TwilioStore } from "./store";
import type { TimerScheduler } from "./timers";
import type { WebhookDispatcher } from "./webhooks";
import type { WireContext } from "./wire";

/** Everything the Twilio stand-in's routes and operations share. */
export interface TwilioSandbox {
    credentials: Credentials;
    wire: WireContext;
    /** The Messaging Service: its inbound webhook (`TwilioWebhooks/onIncomingMessage`) can be changed by REST. */
    messagingService: MessagingService;
    /** The sandbox's behaviour settings (read when acting, so a change applies to the next action). */
    settings: Settings;
    /** The fault switch (`twilio-delivery` failures are taken from it when an SMS is delivered). */
    faults: Faults;
    store: TwilioStore;
    sender: SignedSender;
    webhooks: WebhookDispatcher;
    timers: TimerScheduler;
    background: Background;
}
