import type * as restate from "@restatedev/restate-sdk";
import { PhoneNumber } from "common";
import { badRequest } from "common/restate";
import { z } from "zod";
import { optInStatus } from "../../db/opt-out-records";
import { journaledStep } from "../journaled-step";
import { readJsonBody } from "../request-body";
import type { WebhookDeps } from "./webhook-deps";

/** `checkOptInStatus` body: a phone number in any common notation (US default). */
export const OptInStatusRequest = z.object({ PhoneNumber });

/**
 * `TwilioWebhooks/checkOptInStatus` (API key, endpoint string `TwilioWebhooks/getOptInNumber`):
 * `{Status: "OPTED-IN"}`, or `{Status: "OPTED-OUT", OptInNumbers}` listing the numbers it opted out from.
 */
export async function checkOptInStatus(ctx: restate.Context, input: unknown, wd: WebhookDeps) {
    const parsed = OptInStatusRequest.safeParse(readJsonBody(input));
    if (!parsed.success) throw badRequest("'PhoneNumber' in POST body is missing or invalid");
    const phone = parsed.data.PhoneNumber;
    const record = await journaledStep(ctx)(
        "Read opted-out numbers",
        async () => (await wd.optOuts.get(phone)) ?? null,
    );
    return optInStatus(record ?? undefined);
}
