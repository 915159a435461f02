import { ConfigError, loadConfig } from "common";
import { LeadProcessorSettings } from "lead-processor";
import { z } from "zod";
import { CliError } from "../lib/cli";
import type { Env } from "../ops/lib";

const shape = LeadProcessorSettings.shape;

/** The cutover's settings: the lead processor's own names and rules, so one env file serves both. */
const CutoverSettings = z.object({
    TWILIO_ACCOUNT_SID: shape.TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: shape.TWILIO_AUTH_TOKEN,
    TWILIO_MESSAGING_SERVICE_SID: shape.TWILIO_MESSAGING_SERVICE_SID,
    TWILIO_API_BASE_URL: shape.TWILIO_API_BASE_URL,
    PUBLIC_RESTATE_INGRESS_URL: shape.PUBLIC_RESTATE_INGRESS_URL,
});
export type CutoverSettings = z.output<typeof CutoverSettings>;

export const CUTOVER_SETTINGS_HELP = `settings (environment, also read from .env; the lead processor's names):
  TWILIO_ACCOUNT_SID            the Twilio account (AC…)
  TWILIO_AUTH_TOKEN             its auth token
  TWILIO_MESSAGING_SERVICE_SID  our Messaging Service (MG…): only its conversations are touched
  TWILIO_API_BASE_URL           optional: Twilio's stand-in (the sandbox locally); unset = Twilio
  PUBLIC_RESTATE_INGRESS_URL    this deployment's public Restate ingress, where the webhooks will point`;

/** The settings from the environment; a missing or bad one is a one-line error (exit 2). */
export function cutoverSettings(env: Env = process.env): CutoverSettings {
    try {
        return loadConfig("cutover", CutoverSettings, env);
    } catch (error) {
        if (error instanceof ConfigError) throw new CliError(error.problems.join("; "), 2);
        throw error;
    }
}
