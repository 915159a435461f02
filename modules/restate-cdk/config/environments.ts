/**
 * Per-environment deployment settings. The stacks in `lib/` take a validated `EnvironmentSettings` and hold no
 * environment-specific values themselves.
 *
 * Every id below is a well-formed placeholder (account 123456789012, example.com). Replace them with the real
 * account, VPC, certificate and secret ARNs before deploying. Secret *values* never appear here: only the ARN of
 * each Secrets Manager secret, whose JSON keys ECS injects into the containers when a task starts.
 */
import { isoDurationAtLeast, RESTATE_TUNING_ENV_NAMES, twilioConversationTimer } from "common";
import { z } from "zod";
import { ENVIRONMENT_NAMES, type EnvironmentName } from "../lib/names";
import { RESTATE_CLUSTER_ENV_NAMES, RESTATE_MODES } from "../lib/restate-cluster-nodes";
import { LEAD_PROCESSOR_SECRET_KEYS } from "./lead-processor-secret";
import { AlarmSettings, EdgeRateLimits } from "./operations";

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1");
const hostname = z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS name");
const cidr = z
    .string()
    .regex(/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/, "must be an IPv4 CIDR such as 10.100.0.0/16");
const certificateArn = z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "must be an ACM certificate ARN");
/** A *complete* secret ARN (with the 6-character suffix), so ECS can address JSON keys inside it. */
const secretArn = z
    .string()
    .regex(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/,
        "must be the complete Secrets Manager ARN, ending in -XXXXXX",
    );
const imageTag = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a Docker image tag");

/** Fargate accepts only these CPU units with these memory sizes (MiB). */
const FARGATE_MEMORY: Record<number, [min: number, max: number, step: number]> = {
    256: [512, 2048, 512],
    512: [1024, 4096, 1024],
    1024: [2048, 8192, 1024],
    2048: [4096, 16384, 1024],
    4096: [8192, 30720, 1024],
};

const fargateSize = z.object({ cpu: z.int(), memoryMiB: z.int() }).refine(({ cpu, memoryMiB }) => {
    const range = FARGATE_MEMORY[cpu];
    if (!range) return false;
    const [min, max, step] = range;
    return memoryMiB >= min && memoryMiB <= max && (memoryMiB === 512 || memoryMiB % step === 0);
}, "cpu/memoryMiB must be a Fargate combination (e.g. 256/512, 512/1024, 1024/2048, 2048/4096)");

const scaling = z
    .object({ minTasks: z.int().min(1), maxTasks: z.int().min(1).max(50) })
    .refine((s) => s.minTasks <= s.maxTasks, "minTasks must not exceed maxTasks");

/** Names the lead-processor stack sets itself (from other settings), so they may not be set through `environment`. */
const MANAGED_ENV = new Set([
    "PORT",
    "HOST",
    "LOG_FORMAT",
    "AWS_REGION",
    "DEPLOYMENT_ENV",
    "TABLE_PREFIX",
    "PUBLIC_RESTATE_INGRESS_URL",
    "TWILIO_PROXY_URL",
    "TWILIO_PROXY_USER",
    "TWILIO_CONVERSATION_INACTIVE_TIMER",
    "TWILIO_CONVERSATION_CLOSED_TIMER",
    "LEAD_RETENTION",
    "LOG_LEVEL",
    "RESTATE_LOGGING",
]);
/** Endpoints of local stand-ins (DynamoDB, Twilio, Secrets Manager in the sandbox); a deployment uses AWS's and Twilio's. */
const LOCAL_ONLY_ENV = new Set([
    "DYNAMODB_ENDPOINT",
    "LOCAL_DYNAMODB_URL",
    "TWILIO_API_BASE_URL",
    "SECRETS_MANAGER_ENDPOINT",
]);
const FROM_SECRET = new Set<string>(LEAD_PROCESSOR_SECRET_KEYS);
/** Anything named like a credential belongs in Secrets Manager, not in the template. */
export const SECRET_LIKE_NAME = /(TOKEN|SECRET|PASS(WORD)?|API_KEY|PRIVATE|CREDENTIAL)/;

/** Why a name may not be a plain setting of the lead processor, or undefined when it may. */
function plainNameProblem(name: string): string | undefined {
    if (FROM_SECRET.has(name)) return `${name} comes from the secret (leadProcessor.secretArn); set it there`;
    if (SECRET_LIKE_NAME.test(name)) return `${name} looks like a credential; put it in the secret`;
    if (MANAGED_ENV.has(name)) return `${name} is set by the stack; remove it`;
    if (LOCAL_ONLY_ENV.has(name)) return `${name} points at a local stand-in; a deployment must not set it`;
    return undefined;
}

const plainEnvironment = z
    .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "must be an upper-case env var name"), z.string().min(1))
    .superRefine((env, ctx) => {
        for (const name of Object.keys(env)) {
            const message = plainNameProblem(name);
            if (message) ctx.addIssue({ code: "custom", message });
        }
    });

export const EnvironmentSettings = z.object({
    name: z.enum(ENVIRONMENT_NAMES),
    account: accountId,
    region,
    /** Table name prefix: `<PREFIX>_Web2Text_LeadStates` etc. */
    tablePrefix: z.enum(["DEV", "PROD"]),
    /**
     * `create` (default, a new environment): the data stack creates the three tables (PITR, RETAIN).
     * `adopt`: tables of these names already exist; the data stack references them by name and creates nothing.
     * The lead processor's IAM grant is the same three table ARNs either way.
     */
    tables: z.enum(["create", "adopt"]).default("create"),
    /**
     * How long a CLOSED lead's personal data is kept (LEAD_RETENTION, ISO 8601): then the lead clears its Restate
     * state and deletes its LeadStates item, whose `ExpiresAt` TTL attribute is DynamoDB's backstop. At least a
     * day in a deployment, so a typo cannot erase the week's leads.
     */
    retention: isoDurationAtLeast("P1D", " in a deployed environment").default("P365D"),
    network: z.object({
        /** `"create"` builds a VPC in the network stack; otherwise an existing VPC id is looked up. */
        vpc: z.union([z.literal("create"), z.string().regex(/^vpc-[0-9a-f]{8,17}$/, "must be a VPC id")]),
        /** CIDR of a created VPC (ignored for an existing one). */
        vpcCidr: cidr.default("10.20.0.0/16"),
        natGateways: z.int().min(1).max(3).default(1),
        /** VPN / office ranges that may reach the Restate admin API and the plain-HTTP ingress listener. */
        adminCidrs: z.array(cidr),
    }),
    dns: z.object({
        /** Base domain; the public Restate ingress is `restate.<domain>`, covered by `certificateArn`. */
        domain: hostname,
        certificateArn,
        /** When set, alias records are created in this Route 53 zone (no lookup needed). */
        hostedZoneId: z
            .string()
            .regex(/^Z[A-Z0-9]{1,31}$/)
            .optional(),
    }),
    logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(365)]),
    restate: z
        .object({
            /**
             * `single` (default): one task with its data on EFS; every change to it is a short outage. `cluster`: `nodes`
             * Restate nodes, each its own ECS service with its own storage, replaced one at a time (README, "The
             * Restate server").
             */
            mode: z.enum(RESTATE_MODES).default("single"),
            /** Nodes of a cluster: odd (the metadata store needs a majority), at least 3. Single mode: 1. */
            nodes: z.int().min(1).max(9).optional(),
            image: z.string().min(1).default("docker.restate.dev/restatedev/restate"),
            version: imageTag,
            size: fargateSize,
            /** `xray`: ADOT collector sidecar exporting to AWS X-Ray; `otlp`: an existing collector; `off`. */
            tracing: z.discriminatedUnion("mode", [
                z.object({ mode: z.literal("xray"), collectorImage: z.string().min(1), collectorVersion: imageTag }),
                z.object({ mode: z.literal("otlp"), endpoint: z.url() }),
                z.object({ mode: z.literal("off") }),
            ]),
            /**
             * What sizes the server to its task (RestateServerTuning in common): partitions of the new cluster
             * (`default-num-partitions`; fixed once the data directory exists, so pick it before the first deploy),
             * invocations the invoker runs against the lead processor at once (`worker.invoker.concurrent-invocations-
             * limit`, shared by all of its tasks) and the log filter.
             */
            tuning: z.object({
                partitions: z.int().min(1).max(128),
                invokerConcurrency: z.int().min(8).max(10_000),
                logFilter: z.string().min(1),
            }),
            /** Extra `RESTATE_*` settings (retention, retry policy, ...); the tuning's names belong in `tuning`. */
            environment: z
                .record(z.string().regex(/^RESTATE_[A-Z0-9_]+$/), z.string())
                .default({})
                .superRefine((env, ctx) => {
                    for (const name of Object.keys(env)) {
                        if (RESTATE_TUNING_ENV_NAMES.includes(name)) {
                            ctx.addIssue({
                                code: "custom",
                                message: `${name} is set from restate.tuning; set it there`,
                            });
                        }
                        if (RESTATE_CLUSTER_ENV_NAMES.includes(name)) {
                            ctx.addIssue({
                                code: "custom",
                                message: `${name} is set by the stack (restate.mode); remove it`,
                            });
                        }
                    }
                }),
        })
        .superRefine((restate, ctx) => {
            const { mode, nodes } = restate;
            if (mode === "cluster" && nodes !== undefined && (nodes < 3 || nodes % 2 === 0)) {
                ctx.addIssue({
                    code: "custom",
                    path: ["nodes"],
                    message: `a cluster needs an odd number of nodes, at least 3 (got ${nodes})`,
                });
            }
            if (mode === "single" && nodes !== undefined && nodes !== 1) {
                ctx.addIssue({
                    code: "custom",
                    path: ["nodes"],
                    message: `single mode runs one node (got ${nodes}); set mode "cluster" for more`,
                });
            }
        })
        .transform((restate) => ({ ...restate, nodes: restate.nodes ?? (restate.mode === "cluster" ? 3 : 1) })),
    leadProcessor: z.object({
        size: fargateSize,
        scaling,
        /** Previous releases kept running even when drained (releases with in-flight invocations always are). */
        retainedReleases: z.int().min(0).max(5),
        /**
         * The old system's JSON secret (`web2text-<env>-env`); its keys, the old variable names listed in
         * `config/lead-processor-secret.ts`, become the container's secrets.
         */
        secretArn,
        /**
         * Where INTERNAL_API_TOKEN comes from, if anywhere. Unset (the default): the service derives the token from
         * TWILIO_AUTH_TOKEN, the same in every task. The old system generated one per synth and never stored it.
         */
        internalApiToken: z
            .object({
                /** Complete ARN of the secret holding the token (may be `secretArn` itself). */
                secretArn,
                /** JSON key of the token in that secret. */
                jsonKey: z.string().min(1).default("INTERNAL_API_TOKEN"),
            })
            .optional(),
        /**
         * Twilio conversation timers of new threads (TWILIO_CONVERSATION_*_TIMER). The old system used inactive P7D /
         * closed P30D in production and no inactive timer / closed P1D elsewhere. Twilio's minimums: inactive PT1M,
         * closed PT10M.
         */
        conversationTimers: z.object({
            /** After this long without messages a thread becomes inactive; unset: no inactive timer. */
            inactive: twilioConversationTimer("inactive").optional(),
            /** After this long without messages a thread is closed. */
            closed: twilioConversationTimer("closed"),
        }),
        /** The service's lowest log level (LOG_LEVEL). */
        logLevel: z.enum(["debug", "info", "warn", "error"]),
        /** The Restate SDK core's log level (RESTATE_LOGGING; the SDK's default is info). */
        sdkLogLevel: z.enum(["trace", "debug", "info", "warn", "error"]),
        /**
         * Plain settings of the service that are neither in the secret nor set by the stack (BOTPRESS_TABLE,
         * LEAD_RECONCILE_INTERVAL, ...). Validation rejects credentials, the secret's keys, the
         * names the stack sets and local stand-in endpoints.
         */
        environment: plainEnvironment,
    }),
    twilioProxy: z.object({
        size: fargateSize,
        scaling,
        /** JSON secret holding TWILIO_AUTH_TOKEN and AUTH_PASSWORD. */
        secretArn,
        twilioAccountSid: z.string().regex(/^AC[0-9a-f]{32}$/i),
        messagingServiceSid: z.string().regex(/^MG[0-9a-f]{32}$/i),
        /** Basic-auth user name; the lead processor uses the same value as TWILIO_PROXY_USER. */
        authUsername: z.string().min(1),
        poolRefreshSeconds: z.int().min(30),
    }),
    /** The alarm topic's e-mail subscribers and each alarm's threshold (`config/operations.ts`). */
    alarms: AlarmSettings.prefault({}),
    /** AWS WAF rate limits per API key and per Twilio webhook caller on the public ingress. */
    edgeRateLimits: EdgeRateLimits.prefault({}),
});

export type EnvironmentSettings = z.output<typeof EnvironmentSettings>;
export type EnvironmentSettingsInput = z.input<typeof EnvironmentSettings>;

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

export const ENVIRONMENTS: Record<EnvironmentName, EnvironmentSettingsInput> = {
    development: {
        name: "development",
        account: ACCOUNT,
        region: REGION,
        tablePrefix: "DEV",
        // DEV_Web2Text_APIKeys, _LeadStates and _OptedOutNumbers exist: the old system's development deployment
        // created them by hand and uses them. Adopt them; creating them would fail on the existing names.
        tables: "adopt",
        network: { vpc: "create", vpcCidr: "10.20.0.0/16", natGateways: 1, adminCidrs: ["10.100.0.0/16"] },
        dns: {
            domain: "dev.leads.example.com",
            certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`,
        },
        logRetentionDays: 14,
        restate: {
            // One task: a Restate deploy is a short outage here (README, "The Restate server").
            mode: "single",
            version: "1.7.12",
            size: { cpu: 1024, memoryMiB: 2048 },
            // One vCPU: 4 partitions (each one a log, a state store and a leader loop that cost CPU even when
            // idle). 128 invocations in flight keep a 1 GiB lead processor task near 200 MB and leave room for
            // callers that wait on other invocations (Admin bulk without Async, webhooks closing leads).
            tuning: { partitions: 4, invokerConcurrency: 128, logFilter: "warn,restate=info" },
            tracing: {
                mode: "xray",
                collectorImage: "public.ecr.aws/aws-observability/aws-otel-collector",
                collectorVersion: "v0.43.3",
            },
        },
        leadProcessor: {
            size: { cpu: 512, memoryMiB: 1024 },
            scaling: { minTasks: 1, maxTasks: 2 },
            retainedReleases: 1,
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:web2text-dev-env-AbC123`,
            // The old system's non-production timers.
            conversationTimers: { closed: "P1D" },
            // Development traffic is light: every line, the SDK's per-invocation ones included.
            logLevel: "debug",
            sdkLogLevel: "info",
            environment: {},
        },
        twilioProxy: {
            size: { cpu: 256, memoryMiB: 512 },
            scaling: { minTasks: 1, maxTasks: 2 },
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:twilio-proxy-dev-env-DeF456`,
            twilioAccountSid: "AC11111111111111111111111111111111",
            messagingServiceSid: "MG11111111111111111111111111111111",
            authUsername: "lead-processor",
            poolRefreshSeconds: 300,
        },
        // Development talks to vendors' test systems that fail now and then: alarm on a pattern, not one lead.
        alarms: { thresholds: { integrationErrors: 5, ingress5xxPerFiveMinutes: 50 } },
    },
    production: {
        name: "production",
        account: ACCOUNT,
        region: REGION,
        tablePrefix: "PROD",
        // The live PROD_Web2Text_* tables exist (created by hand for the old system) and hold production data.
        tables: "adopt",
        network: { vpc: "vpc-0a1b2c3d4e5f60789", natGateways: 2, adminCidrs: ["10.100.0.0/16"] },
        dns: {
            domain: "leads.example.com",
            certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/66666666-7777-8888-9999-000000000000`,
            hostedZoneId: "Z0123456789ABCDEFGHIJ",
        },
        logRetentionDays: 90,
        restate: {
            // Three nodes, each its own ECS service and file system, two copies of every record: production keeps
            // serving while one node is lost or replaced, so a Restate upgrade is no outage.
            mode: "cluster",
            nodes: 3,
            version: "1.7.12",
            size: { cpu: 2048, memoryMiB: 8192 },
            // Two vCPUs per node: 8 partitions, not Restate's 24 (on 2 cores 24 partitions cost ≈ 60% more CPU per
            // lead in the bench), their leaders spread over the three nodes. The invoker limit is per node: each node
            // runs the invocations of the partitions it leads, 256 at most, so up to 768 across the cluster when
            // leadership is spread; at ≈ 0.7 MB each (bench) that is ≈ 270 MB per lead processor task at its minimum
            // of two, and 256 alone cover ≈ 90 leads/s with vendor calls of a second or more.
            tuning: { partitions: 8, invokerConcurrency: 256, logFilter: "warn,restate=info" },
            tracing: {
                mode: "xray",
                collectorImage: "public.ecr.aws/aws-observability/aws-otel-collector",
                collectorVersion: "v0.43.3",
            },
        },
        leadProcessor: {
            size: { cpu: 1024, memoryMiB: 2048 },
            scaling: { minTasks: 2, maxTasks: 6 },
            retainedReleases: 1,
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:web2text-prod-env-GhI789`,
            // The old system's production timers: threads inactive after 7 days, closed after 30.
            conversationTimers: { inactive: "P7D", closed: "P30D" },
            // The service's own info lines; the SDK's per-invocation lines are debug (common/restate) and its
            // core logs warnings only.
            logLevel: "info",
            sdkLogLevel: "warn",
            environment: {},
        },
        twilioProxy: {
            size: { cpu: 512, memoryMiB: 1024 },
            scaling: { minTasks: 2, maxTasks: 4 },
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:twilio-proxy-prod-env-JkL012`,
            twilioAccountSid: "AC22222222222222222222222222222222",
            messagingServiceSid: "MG22222222222222222222222222222222",
            authUsername: "lead-processor",
            poolRefreshSeconds: 300,
        },
    },
};

/** Validated settings of one environment; throws a readable error listing every problem. */
export function loadEnvironment(
    name: EnvironmentName,
    source: Record<EnvironmentName, unknown> = ENVIRONMENTS,
): EnvironmentSettings {
    const result = EnvironmentSettings.safeParse(source[name]);
    if (result.success) {
        if (result.data.name !== name) throw new Error(`environment "${name}" has name "${result.data.name}"`);
        return result.data;
    }
    const problems = result.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`Invalid settings for environment "${name}":\n${problems.join("\n")}`);
}

/** Public URL of the Restate ingress (TLS on 443); webhook URLs and Twilio signatures are computed against it. */
export function publicIngressUrl(settings: EnvironmentSettings): string {
    return `https://restate.${settings.dns.domain}`;
}
