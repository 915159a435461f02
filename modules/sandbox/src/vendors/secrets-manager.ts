import { z } from "zod";
import { json } from "../core/router";
import { parseSigV4, sigV4Matches } from "../core/sigv4";
import type { Seed } from "../seed";
import type { VendorRegistration } from "./index";

const ACCOUNT = "123456789012";
const AMZ_JSON = { "content-type": "application/x-amz-json-1.1" };

/** An error as the AWS JSON 1.1 protocol carries it (HTTP 400, `__type` names the exception). */
const awsError = (type: string, message: string, status = 400) =>
    json({ __type: type, message }, status, { ...AMZ_JSON, "x-amzn-errortype": type });

const GetSecretValue = z.object({
    SecretId: z.string().min(1),
    VersionStage: z.string().optional(),
    VersionId: z.string().optional(),
});

const PutSecret = z.object({ SecretString: z.string().min(1) }).strict();

interface StoredSecret {
    ARN: string;
    Name: string;
    SecretString: string;
    VersionId: string;
    CreatedDate: number;
}

/** The seeded secrets: the AWS Nexus Cognito client under `nexus.awsSecretName`. */
function seededSecrets(seed: Seed): StoredSecret[] {
    const name = seed.nexus.awsSecretName;
    return [
        {
            ARN: `arn:aws:secretsmanager:${seed.aws.region}:${ACCOUNT}:secret:${name}-SbXnx1`,
            Name: name,
            SecretString: JSON.stringify(seed.nexus.cognito),
            VersionId: "00000000-0000-4000-8000-000000000001",
            CreatedDate: Date.parse("2025-01-01T00:00:00Z") / 1000,
        },
    ];
}

/**
 * AWS Secrets Manager under `/secretsmanager` (the lead processor's `SECRETS_MANAGER_ENDPOINT`), speaking the
 * AWS JSON 1.1 protocol as the AWS SDK does: `POST /` with `X-Amz-Target: secretsmanager.GetSecretValue` and
 * `{SecretId, VersionStage}`. The request must be signed (Signature Version 4) with the seed's `aws` key pair:
 * no signature → `MissingAuthenticationTokenException`, another access key id → `UnrecognizedClientException`,
 * a wrong secret key → `InvalidSignatureException`; an unknown secret or stage → `ResourceNotFoundException`
 * (all 400, as AWS answers). `PUT /__sandbox/secretsmanager/secrets/{name}` `{"SecretString": "…"}` stores a new
 * current version, as a rotation would. Calls are recorded as `secretsmanager`.
 */
export const registerSecretsManager: VendorRegistration = (router, { seed }) => {
    const secrets = seededSecrets(seed);
    router.add("POST", "/secretsmanager", "secretsmanager", ({ req, url, body, rawBody }) => {
        const auth = parseSigV4(req.headers.get("authorization"));
        if (!auth) return awsError("MissingAuthenticationTokenException", "Missing Authentication Token");
        if (auth.accessKeyId !== seed.aws.accessKeyId) {
            return awsError("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!sigV4Matches(req, url, rawBody, auth, seed.aws.secretAccessKey)) {
            return awsError(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
            );
        }
        const target = req.headers.get("x-amz-target");
        if (target !== "secretsmanager.GetSecretValue") {
            return awsError("UnknownOperationException", `The sandbox does not model operation '${target}'.`);
        }
        const request = GetSecretValue.safeParse(body);
        if (!request.success) return awsError("InvalidParameterException", "SecretId is required.");
        const { SecretId, VersionStage = "AWSCURRENT", VersionId } = request.data;
        const secret = secrets.find((s) => s.Name === SecretId || s.ARN === SecretId);
        if (!secret) return awsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        if (VersionStage !== "AWSCURRENT" || (VersionId !== undefined && VersionId !== secret.VersionId)) {
            return awsError(
                "ResourceNotFoundException",
                `Secrets Manager can't find the specified secret value for staging label: ${VersionStage}`,
            );
        }
        return json({ ...secret, VersionStages: ["AWSCURRENT"] }, 200, AMZ_JSON);
    });
    router.add("PUT", "/__sandbox/secretsmanager/secrets/:name", undefined, ({ params, body }) => {
        const secret = secrets.find((s) => s.Name === params.name);
        const value = PutSecret.safeParse(body);
        if (!secret) return json({ code: 404, message: `No secret '${params.name}'` }, 404);
        if (!value.success) return json({ code: 400, message: 'body must be {"SecretString": "…"}' }, 400);
        secret.SecretString = value.data.SecretString;
        secret.VersionId = crypto.randomUUID();
        return json({ Name: secret.Name, VersionId: secret.VersionId });
    });
    return undefined;
};
