/**
 * What the lead processor's container starts with: plain settings in the task definition, and secrets that ECS
 * reads from Secrets Manager when a task starts (their values never appear in a template).
 */
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { type EnvironmentSettings, publicIngressUrl } from "../config/environments";
import { LEAD_PROCESSOR_SECRET_KEYS } from "../config/lead-processor-secret";
import { LEAD_PROCESSOR_PORT } from "./names";

/** The configured plain settings plus the ones the stack derives (validation keeps the two sets apart). */
export function leadProcessorEnvironment(
    settings: EnvironmentSettings,
    twilioProxyUrl: string,
): Record<string, string> {
    const lp = settings.leadProcessor;
    const { inactive, closed } = lp.conversationTimers;
    return {
        ...lp.environment,
        PORT: String(LEAD_PROCESSOR_PORT),
        HOST: "0.0.0.0",
        LOG_FORMAT: "json",
        LOG_LEVEL: lp.logLevel,
        RESTATE_LOGGING: lp.sdkLogLevel,
        AWS_REGION: settings.region,
        // As the old system set it: the deployed environment's name.
        DEPLOYMENT_ENV: settings.name,
        TABLE_PREFIX: settings.tablePrefix,
        PUBLIC_RESTATE_INGRESS_URL: publicIngressUrl(settings),
        TWILIO_PROXY_URL: twilioProxyUrl,
        TWILIO_PROXY_USER: settings.twilioProxy.authUsername,
        ...(inactive === undefined ? {} : { TWILIO_CONVERSATION_INACTIVE_TIMER: inactive }),
        TWILIO_CONVERSATION_CLOSED_TIMER: closed,
        LEAD_RETENTION: settings.retention,
    };
}

/**
 * Every key of the old system's secret under its own name, the Twilio proxy's password as TWILIO_PROXY_PASS (so
 * the two cannot drift apart), and INTERNAL_API_TOKEN only when the settings name a secret for it.
 */
export function leadProcessorSecrets(
    scope: Construct,
    settings: EnvironmentSettings,
    twilioProxySecret: secretsmanager.ISecret,
): Record<string, ecs.Secret> {
    const lp = settings.leadProcessor;
    const secret = secretsmanager.Secret.fromSecretCompleteArn(scope, "Secret", lp.secretArn);
    const secrets: Record<string, ecs.Secret> = {
        ...Object.fromEntries(
            LEAD_PROCESSOR_SECRET_KEYS.map((key) => [key, ecs.Secret.fromSecretsManager(secret, key)]),
        ),
        TWILIO_PROXY_PASS: ecs.Secret.fromSecretsManager(twilioProxySecret, "AUTH_PASSWORD"),
    };
    if (lp.internalApiToken) {
        const tokenSecret =
            lp.internalApiToken.secretArn === lp.secretArn
                ? secret
                : secretsmanager.Secret.fromSecretCompleteArn(
                      scope,
                      "InternalApiTokenSecret",
                      lp.internalApiToken.secretArn,
                  );
        secrets.INTERNAL_API_TOKEN = ecs.Secret.fromSecretsManager(tokenSecret, lp.internalApiToken.jsonKey);
    }
    return secrets;
}
