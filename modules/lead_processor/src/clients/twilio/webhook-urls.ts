/**
 * The public URL Twilio posts to for a `TwilioWebhooks` handler, and signs: the conversation webhooks the
 * integration registers point at it, and the webhook handlers check signatures against it.
 */
export function webhookUrl(publicIngressUrl: string, handler: string): string {
    return `${publicIngressUrl.replace(/\/+$/, "")}/TwilioWebhooks/${handler}`;
}
