import {
    DescribeSecretCommand,
    GetSecretValueCommand,
    type GetSecretValueCommandInput,
    SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { seed } from "../src/seed";
import { useServedSandbox } from "./served-sandbox";

// The Secrets Manager stand-in, driven by the real AWS SDK (AWS JSON 1.1 protocol, Signature Version 4).
const served = useServedSandbox();

const NAME = seed.nexus.awsSecretName;
const read = (
    input: Partial<GetSecretValueCommandInput> = {},
    credentials = { accessKeyId: seed.aws.accessKeyId, secretAccessKey: seed.aws.secretAccessKey },
) =>
    new SecretsManagerClient({
        region: seed.aws.region,
        endpoint: `${served().base}/secretsmanager`,
        credentials,
        maxAttempts: 1,
    }).send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: "AWSCURRENT", ...input }));
/** The error a read fails with (undefined when it succeeds). */
const failure = (answer: ReturnType<typeof read>) =>
    answer.then(
        () => undefined,
        (error: unknown) => error,
    );

describe("Secrets Manager stand-in", () => {
    it("answers GetSecretValue with the seeded Cognito client, as AWS shapes it", async () => {
        const answer = await read();
        expect(answer).toMatchObject({
            Name: NAME,
            ARN: expect.stringMatching(`^arn:aws:secretsmanager:${seed.aws.region}:\\d{12}:secret:${NAME}-`),
            VersionId: expect.any(String),
            VersionStages: ["AWSCURRENT"],
            CreatedDate: expect.any(Date),
        });
        expect(JSON.parse(answer.SecretString ?? "")).toEqual(seed.nexus.cognito);
        const [call] = served().sandbox.recorder.list({ service: "secretsmanager" });
        expect(call?.headers["x-amz-target"]).toBe("secretsmanager.GetSecretValue");
        expect(call?.headers.authorization).toContain(`AWS4-HMAC-SHA256 Credential=${seed.aws.accessKeyId}/`);
    });

    it("refuses another access key id, a wrong secret key, an unknown secret or stage, as AWS does", async () => {
        const cases: [ReturnType<typeof read>, string][] = [
            [
                read({}, { accessKeyId: "AKIAOTHERKEY00000000", secretAccessKey: seed.aws.secretAccessKey }),
                "UnrecognizedClientException",
            ],
            [read({}, { accessKeyId: seed.aws.accessKeyId, secretAccessKey: "wrong" }), "InvalidSignatureException"],
            [read({ SecretId: "no/such/secret" }), "ResourceNotFoundException"],
            [read({ VersionStage: "AWSPREVIOUS" }), "ResourceNotFoundException"],
        ];
        for (const [answer, name] of cases) {
            expect(await failure(answer)).toMatchObject({ name, $fault: "client", $metadata: { httpStatusCode: 400 } });
        }
    });

    it("refuses an unsigned request and an operation it does not model", async () => {
        const unsigned = await fetch(`${served().base}/secretsmanager`, {
            method: "POST",
            headers: { "x-amz-target": "secretsmanager.GetSecretValue", "content-type": "application/x-amz-json-1.1" },
            body: JSON.stringify({ SecretId: NAME }),
        });
        expect(unsigned.status).toBe(400);
        expect(await unsigned.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
        const credentials = { accessKeyId: seed.aws.accessKeyId, secretAccessKey: seed.aws.secretAccessKey };
        const client = new SecretsManagerClient({
            region: seed.aws.region,
            endpoint: `${served().base}/secretsmanager`,
            credentials,
        });
        const describe = await client.send(new DescribeSecretCommand({ SecretId: NAME })).catch((e: unknown) => e);
        expect(describe).toMatchObject({ name: "UnknownOperationException", $metadata: { httpStatusCode: 400 } });
    });

    it("stores a new current version through the control endpoint", async () => {
        const path = `${served().base}/__sandbox/secretsmanager/secrets/${encodeURIComponent(NAME)}`;
        const rotated = JSON.stringify({ ...seed.nexus.cognito, clientSecret: "rotated" });
        const put = (body: unknown) =>
            fetch(path, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        expect((await put({ SecretString: rotated })).status).toBe(200);
        expect(await read()).toMatchObject({ SecretString: rotated });
        expect((await put({ Secret: "x" })).status).toBe(400);
        await put({ SecretString: JSON.stringify(seed.nexus.cognito) });
    });
});
