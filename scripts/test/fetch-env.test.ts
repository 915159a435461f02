import { spawn } from "node:child_process";
import {
    chmodSync,
    existsSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const SCRIPT = join(import.meta.dirname, "..", "fetch-env.ts");

/** A stand-in for AWS Secrets Manager's GetSecretValue (JSON 1.1 protocol). */
const secrets = new Map<string, string>();
const seen: { target: string | null; body: string }[] = [];
let server: ReturnType<typeof Bun.serve>;

beforeAll(() => {
    server = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        async fetch(req) {
            const body = await req.text();
            seen.push({ target: req.headers.get("x-amz-target"), body });
            const { SecretId } = JSON.parse(body) as { SecretId: string };
            const headers = { "content-type": "application/x-amz-json-1.1" };
            const value = secrets.get(SecretId);
            if (value === undefined) {
                return Response.json(
                    {
                        __type: "ResourceNotFoundException",
                        message: "Secrets Manager can't find the specified secret.",
                    },
                    { status: 400, headers },
                );
            }
            return Response.json(
                {
                    ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${SecretId}-AbCdEf`,
                    Name: SecretId,
                    VersionId: "00000000-0000-0000-0000-000000000001",
                    SecretString: value,
                    VersionStages: ["AWSCURRENT"],
                    CreatedDate: 1735689600.123,
                },
                { headers },
            );
        },
    });
});
afterAll(() => server.stop(true));

let dir: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fetch-env-"));
    seen.length = 0;
    secrets.clear();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI (asynchronously: the fake AWS lives in this process) in a temp folder with no AWS configuration. */
function run(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
        cwd: dir,
        env: {
            PATH: process.env.PATH ?? "",
            HOME: dir,
            AWS_EC2_METADATA_DISABLED: "true",
            AWS_CONFIG_FILE: join(dir, "no-aws-config"),
            AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-aws-credentials"),
            ...env,
        },
        timeout: 20_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
    });
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.on("close", (code) => resolve({ code, stdout, stderr })),
    );
}

const withFakeAws = () => ({
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${server.port}`,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
});

const oneLine = (text: string) => text.trim().split("\n").length === 1;

describe("fetch-env argument errors", () => {
    it.each([
        [[], "missing --secretName"],
        [["--operation", "merge"], "missing --secretName"],
        [["--secretName", "web2text-dev-env"], "missing --operation"],
        [
            ["--secretName", "x", "--operation", "replace-all"],
            "unknown --operation 'replace-all'; use merge or overwrite",
        ],
        [["--secretName", "x", "--operation", "merge", "--verbose"], "unknown option '--verbose'"],
        [["--secretName", "--operation", "merge"], "--secretName needs a value"],
    ])("%j → one clear line, exit 2", async (args, message) => {
        const res = await run(args);
        expect(res.code).toBe(2);
        expect(res.stderr).toContain(`fetch-env: ${message}`);
        expect(oneLine(res.stderr)).toBe(true);
        expect(existsSync(join(dir, ".env"))).toBe(false);
    });

    it("accepts --name=value forms and prints usage for --help", async () => {
        expect((await run(["--help"])).stdout).toContain("--secretName <name> --operation merge|overwrite");
        const res = await run(["--secretName=missing", "--operation=merge"], withFakeAws());
        expect(res.stderr).toContain("secret 'missing' was not found");
    });
});

describe("fetch-env against a local Secrets Manager", () => {
    const original = [
        "# Lead processor settings",
        "KEEP=local-value",
        "EMPTY=",
        "",
        "# comment between",
        "export SAME=same # trailing",
        "",
    ].join("\n");
    const secret = {
        KEEP: "from-aws",
        EMPTY: "filled-from-aws",
        SAME: "same",
        NEW_URL: "https://api.example/?a=1&b=2",
        NEW_SPACED: "two words",
    };

    it("merge: appends new keys, fills empty ones, keeps the rest, prints names but never values", async () => {
        secrets.set("web2text-dev-env", JSON.stringify(secret));
        writeFileSync(join(dir, ".env"), original);
        const res = await run(["--secretName", "web2text-dev-env", "--operation", "merge"], withFakeAws());
        expect(res.stderr).toBe("");
        expect(res.code).toBe(0);
        expect(readFileSync(join(dir, ".env"), "utf8")).toBe(
            [
                "# Lead processor settings",
                "KEEP=local-value",
                "EMPTY=filled-from-aws",
                "",
                "# comment between",
                "export SAME=same # trailing",
                "NEW_URL=https://api.example/?a=1&b=2",
                "NEW_SPACED='two words'",
                "",
            ].join("\n"),
        );
        expect(res.stdout).toContain("2 appended (NEW_URL, NEW_SPACED), 1 filled (EMPTY), 2 unchanged");
        for (const value of Object.values(secret)) expect(res.stdout).not.toContain(value);
        expect(seen).toEqual([
            { target: "secretsmanager.GetSecretValue", body: JSON.stringify({ SecretId: "web2text-dev-env" }) },
        ]);
    });

    it("overwrite: also replaces values that differ, into the file named by --file", async () => {
        secrets.set("web2text-prod-env", JSON.stringify(secret));
        writeFileSync(join(dir, "custom.env"), original);
        const res = await run(
            ["--secretName", "web2text-prod-env", "--operation", "overwrite", "--file", "custom.env"],
            withFakeAws(),
        );
        expect(res.code).toBe(0);
        const text = readFileSync(join(dir, "custom.env"), "utf8");
        expect(text).toContain("KEEP=from-aws\n");
        expect(text).toContain("EMPTY=filled-from-aws\n");
        expect(text).toContain("export SAME=same # trailing\n");
        expect(res.stdout).toContain("2 appended (NEW_URL, NEW_SPACED), 2 replaced (KEEP, EMPTY), 1 unchanged");
    });

    it("creates a missing .env readable by its owner only, and leaves no temporary file behind", async () => {
        secrets.set("s", JSON.stringify({ A: "1" }));
        const res = await run(["--secretName", "s", "--operation", "merge"], withFakeAws());
        expect(res.code).toBe(0);
        expect(readFileSync(join(dir, ".env"), "utf8")).toBe("A=1\n");
        expect(statSync(join(dir, ".env")).mode & 0o777).toBe(0o600);
        expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    });

    it("keeps the file's permissions and says so when nothing changes", async () => {
        secrets.set("s", JSON.stringify({ A: "1" }));
        writeFileSync(join(dir, ".env"), "A=1\n");
        chmodSync(join(dir, ".env"), 0o640);
        const first = await run(["--secretName", "s", "--operation", "overwrite"], withFakeAws());
        expect(first.stdout).toContain("nothing to change");
        secrets.set("s", JSON.stringify({ A: "2" }));
        const second = await run(["--secretName", "s", "--operation", "overwrite"], withFakeAws());
        expect(second.code).toBe(0);
        expect(readFileSync(join(dir, ".env"), "utf8")).toBe("A=2\n");
        expect(statSync(join(dir, ".env")).mode & 0o777).toBe(0o640);
    });

    it.each([
        ["a JSON array", JSON.stringify(["A"]), "is not a JSON object"],
        ["not JSON", "A=1", "is not JSON"],
        ["non-string values", JSON.stringify({ A: 1, B: "x" }), "has non-string values for A"],
    ])("refuses a secret that is %s with one line, leaving .env untouched", async (_what, value, message) => {
        secrets.set("bad", value);
        writeFileSync(join(dir, ".env"), original);
        const res = await run(["--secretName", "bad", "--operation", "overwrite"], withFakeAws());
        expect(res.code).toBe(1);
        expect(res.stderr).toContain(message);
        expect(oneLine(res.stderr)).toBe(true);
        expect(readFileSync(join(dir, ".env"), "utf8")).toBe(original);
    });

    it("reports a secret that does not exist", async () => {
        const res = await run(["--secretName", "nope", "--operation", "merge"], withFakeAws());
        expect(res.code).toBe(1);
        expect(res.stderr).toBe("fetch-env: secret 'nope' was not found in AWS Secrets Manager (region us-east-1)\n");
    });

    it("reports missing AWS credentials in one line without touching .env", async () => {
        writeFileSync(join(dir, ".env"), original);
        const res = await run(["--secretName", "web2text-dev-env", "--operation", "merge"], {
            AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${server.port}`,
        });
        expect(res.code).toBe(1);
        expect(res.stderr).toContain("fetch-env: no usable AWS credentials; sign in with `aws sso login`");
        expect(oneLine(res.stderr)).toBe(true);
        expect(seen).toEqual([]);
        expect(readFileSync(join(dir, ".env"), "utf8")).toBe(original);
    });
});
