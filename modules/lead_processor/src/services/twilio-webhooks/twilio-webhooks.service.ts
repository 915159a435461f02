import * as restate from "@restatedev/restate-sdk";
import { formSerde, rawJsonSerde, xmlSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { closeLeadsInTurn } from "./close-leads";
import { onMessageEvent, onStateUpdated } from "./conversation-events";
import { onIncomingMessage } from "./incoming-message";
import { checkOptInStatus } from "./opt-in-status";
import { webhookDeps } from "./webhook-deps";

/** Twilio posts webhooks form-encoded; the ingress refuses other content types for these handlers. */
const FORM = { input: formSerde, accept: "application/x-www-form-urlencoded" } as const;
type Form = Record<string, string>;

/**
 * The `TwilioWebhooks` service. `sync`, `close` and `onIncomingMessage` are called by Twilio (form in,
 * signature-checked, 401 when the signature is missing or wrong); `checkOptInStatus` is JSON behind an API
 * key; `closeLeads` is private (not reachable through ingress).
 */
export function createTwilioWebhooksService(deps: Deps) {
    const wd = webhookDeps(deps);
    return restate.service({
        name: "TwilioWebhooks",
        handlers: {
            sync: restate.handlers.handler(
                { ...FORM, output: restate.serde.empty },
                (ctx: restate.Context, form: Form) => onMessageEvent(ctx, form, wd),
            ),
            close: restate.handlers.handler(
                { ...FORM, output: restate.serde.empty },
                (ctx: restate.Context, form: Form) => onStateUpdated(ctx, form, wd),
            ),
            onIncomingMessage: restate.handlers.handler(
                { ...FORM, output: xmlSerde },
                (ctx: restate.Context, form: Form) => onIncomingMessage(ctx, form, wd),
            ),
            checkOptInStatus: restate.handlers.handler(
                { input: rawJsonSerde },
                authorized(deps.auth, "TwilioWebhooks/getOptInNumber", (ctx: restate.Context, input: unknown) =>
                    checkOptInStatus(ctx, input, wd),
                ),
            ),
            closeLeads: restate.handlers.handler(
                { input: rawJsonSerde, ingressPrivate: true },
                (ctx: restate.Context, input: unknown) => closeLeadsInTurn(ctx, input, deps),
            ),
        },
    });
}

export type TwilioWebhooksService = ReturnType<typeof createTwilioWebhooksService>;
