import {
    GetSecretValueCommand,
    SecretsManagerClient,
    SecretsManagerServiceException,
} from "@aws-sdk/client-secrets-manager";
import { formatIssues } from "common";
import { VendorError } from "../http";
import { NexusAwsSecret } from "./nexus.types";

/** Where the AWS Nexus Cognito client comes from (Secrets Manager in production; injectable in tests). */
export interface NexusAwsSecretSource {
    /** The secret's name, for error messages. */
    readonly name: string;
    read(): Promise<NexusAwsSecret>;
}

export interface NexusAwsSecretSettings {
    /** `NEXUS_AWS_API_SECRET_NAME`. */
    secretName: string;
    /** `NEXUS_AUTH_AWS_ACCESS_KEY_ID` / `NEXUS_AUTH_AWS_SECRET_ACCESS_KEY` / `NEXUS_AUTH_AWS_REGION`: used only for this read. */
    accessKeyId: string;
    secretAccessKey: string;
    region: string;
    /** `SECRETS_MANAGER_ENDPOINT`: another endpoint than AWS's regional one (the sandbox locally). */
    endpoint?: string | undefined;
    timeoutMs?: number;
}

const VENDOR = "Nexus AWS secret";
const CREDENTIALS_HINT =
    "check NEXUS_AUTH_AWS_ACCESS_KEY_ID, NEXUS_AUTH_AWS_SECRET_ACCESS_KEY and NEXUS_AUTH_AWS_REGION";
/** What to check for the AWS errors that mean "these settings cannot read that secret". */
const HINTS = new Map<string, string>([
    ...[
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "AccessDeniedException",
        "ExpiredTokenException",
        "IncompleteSignature",
        "MissingAuthenticationTokenException",
    ].map((name): [string, string] => [name, CREDENTIALS_HINT]),
    ["ResourceNotFoundException", "check NEXUS_AWS_API_SECRET_NAME"],
]);
const THROTTLING_ERRORS = new Set(["ThrottlingException", "TooManyRequestsException"]);

/**
 * Reads the AWS Nexus secret (stage AWSCURRENT) with its own explicit credentials, as the original did. The
 * SDK does not retry (the caller's journaled step does), and its failures become `VendorError`s: a refused
 * key or an unknown secret is `rejected` with the settings to check, throttling and 5xx are retryable.
 */
export class NexusAwsSecretReader implements NexusAwsSecretSource {
    private readonly client: SecretsManagerClient;
    readonly name: string;

    constructor(settings: NexusAwsSecretSettings) {
        this.name = settings.secretName;
        const timeoutMs = settings.timeoutMs ?? 10_000;
        this.client = new SecretsManagerClient({
            region: settings.region,
            credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
            maxAttempts: 1,
            requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
            ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        });
    }

    async read(): Promise<NexusAwsSecret> {
        const command = new GetSecretValueCommand({ SecretId: this.name, VersionStage: "AWSCURRENT" });
        const answer = await this.client.send(command).catch((error: unknown) => {
            throw this.explain(error);
        });
        let value: unknown;
        try {
            value = JSON.parse(answer.SecretString ?? "");
        } catch {
            throw new VendorError(VENDOR, "invalid-response", `secret '${this.name}' does not hold JSON`);
        }
        const parsed = NexusAwsSecret.safeParse(value);
        if (!parsed.success) {
            const issues = formatIssues(parsed.error);
            throw new VendorError(
                VENDOR,
                "invalid-response",
                `secret '${this.name}' is not a Cognito client: ${issues}`,
            );
        }
        return parsed.data;
    }

    /** An SDK failure as a typed `VendorError` naming what to check. */
    private explain(error: unknown): VendorError {
        const reading = `reading secret '${this.name}' failed`;
        if (!(error instanceof SecretsManagerServiceException)) {
            const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            const timeout = error instanceof Error && /timeout/i.test(error.name);
            return new VendorError(VENDOR, timeout ? "timeout" : "unavailable", `${reading}: ${text}`);
        }
        const status = error.$metadata.httpStatusCode;
        const what = `${reading}: ${error.name}: ${error.message}`;
        if (THROTTLING_ERRORS.has(error.name)) return new VendorError(VENDOR, "rate-limited", what, status);
        if (error.$fault === "server") return new VendorError(VENDOR, "unavailable", what, status);
        const hint = HINTS.get(error.name);
        return new VendorError(VENDOR, "rejected", hint ? `${what} (${hint})` : what, status);
    }
}
