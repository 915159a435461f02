import { describe, expect, it } from "vitest";
import { ENVIRONMENTS, type EnvironmentSettingsInput, loadEnvironment, publicIngressUrl } from "../config/environments";
import { ENVIRONMENT_NAMES } from "../lib/names";

/** A copy of the development settings with one change applied. */
function devWith(change: (s: EnvironmentSettingsInput) => void): Record<"development" | "production", unknown> {
    const copy = structuredClone(ENVIRONMENTS.development);
    change(copy);
    return { development: copy, production: ENVIRONMENTS.production };
}

function problemsOf(change: (s: EnvironmentSettingsInput) => void): string {
    try {
        loadEnvironment("development", devWith(change));
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error("expected the settings to be rejected");
}

describe("environment settings", () => {
    it.each(ENVIRONMENT_NAMES)("%s validates, with fake but well-formed ids", (name) => {
        const settings = loadEnvironment(name);
        expect(settings.account).toBe("123456789012");
        expect(settings.tablePrefix).toBe(name === "development" ? "DEV" : "PROD");
        expect(settings.restate.version).toBe("1.7.12");
        expect(publicIngressUrl(settings)).toMatch(/^https:\/\/restate\.[a-z.]+example\.com$/);
    });

    it("keeps closed leads' personal data 365 days unless the environment says otherwise, at least a day", () => {
        for (const name of ENVIRONMENT_NAMES) expect(loadEnvironment(name).retention).toBe("P365D");
        const settings = loadEnvironment(
            "development",
            devWith((s) => {
                s.retention = "P30D";
            }),
        );
        expect(settings.retention).toBe("P30D");
        expect(
            problemsOf((s) => {
                s.retention = "PT5S";
            }),
        ).toContain("retention: PT5S is shorter than P1D");
    });

    it("accepts timers at Twilio's minimums and longer ones in any unit", () => {
        const accepted: [inactive: string, closed: string][] = [
            ["PT1M", "PT10M"],
            ["PT60S", "PT600S"],
            ["P1W", "P1M"],
        ];
        for (const [inactive, closed] of accepted) {
            const settings = loadEnvironment(
                "development",
                devWith((s) => {
                    s.leadProcessor.conversationTimers = { inactive, closed };
                }),
            );
            expect(settings.leadProcessor.conversationTimers).toEqual({ inactive, closed });
        }
    });

    it("creates a VPC for development and looks up an existing one for production", () => {
        expect(loadEnvironment("development").network.vpc).toBe("create");
        expect(loadEnvironment("production").network.vpc).toMatch(/^vpc-[0-9a-f]+$/);
    });

    const cases: [what: string, change: (s: EnvironmentSettingsInput) => void, expected: string][] = [
        [
            "a short account id",
            (s) => {
                s.account = "1234";
            },
            "account",
        ],
        [
            "a secret ARN without its suffix",
            (s) => {
                s.leadProcessor.secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:web2text-dev-env";
            },
            "leadProcessor.secretArn",
        ],
        [
            "a cpu/memory pair Fargate does not offer",
            (s) => {
                s.restate.size = { cpu: 256, memoryMiB: 4096 };
            },
            "restate.size",
        ],
        [
            "min tasks above max tasks",
            (s) => {
                s.leadProcessor.scaling = { minTasks: 3, maxTasks: 2 };
            },
            "leadProcessor.scaling",
        ],
        [
            "an inactive timer below Twilio's minimum of one minute",
            (s) => {
                s.leadProcessor.conversationTimers.inactive = "PT59S";
            },
            "leadProcessor.conversationTimers.inactive: PT59S is shorter than PT1M, Twilio's minimum",
        ],
        [
            "a closed timer below Twilio's minimum of ten minutes",
            (s) => {
                s.leadProcessor.conversationTimers.closed = "PT9M";
            },
            "leadProcessor.conversationTimers.closed: PT9M is shorter than PT10M, Twilio's minimum",
        ],
        [
            "a timer that is not an ISO-8601 duration",
            (s) => {
                s.leadProcessor.conversationTimers.closed = "30 days";
            },
            "leadProcessor.conversationTimers.closed: must be an ISO-8601 duration",
        ],
        [
            "an admin range that is not a CIDR",
            (s) => {
                s.network.adminCidrs = ["10.0.0.0"];
            },
            "network.adminCidrs.0",
        ],
        [
            "a certificate that is not an ACM ARN",
            (s) => {
                s.dns.certificateArn = "my-cert";
            },
            "dns.certificateArn",
        ],
    ];

    /** Plain settings of the lead processor that validation refuses, and why. */
    const refusedPlainNames: [name: string, reason: string][] = [
        ["NEXUS_CLIENT_SECRET", "NEXUS_CLIENT_SECRET looks like a credential; put it in the secret"],
        ["NEXUS_API_URL", "NEXUS_API_URL comes from the secret (leadProcessor.secretArn); set it there"],
        ["TABLE_PREFIX", "TABLE_PREFIX is set by the stack; remove it"],
        ["DEPLOYMENT_ENV", "DEPLOYMENT_ENV is set by the stack; remove it"],
        ["TWILIO_CONVERSATION_CLOSED_TIMER", "TWILIO_CONVERSATION_CLOSED_TIMER is set by the stack; remove it"],
        ["LOCAL_DYNAMODB_URL", "LOCAL_DYNAMODB_URL points at a local stand-in; a deployment must not set it"],
        ["LOG_LEVEL", "LOG_LEVEL is set by the stack; remove it"],
        ["RESTATE_LOGGING", "RESTATE_LOGGING is set by the stack; remove it"],
    ];

    it.each(refusedPlainNames)("refuses %s among the lead processor's plain settings", (name, reason) => {
        const message = problemsOf((s) => {
            s.leadProcessor.environment[name] = "some-value";
        });
        expect(message).toContain(`leadProcessor.environment: ${reason}`);
    });

    it("refuses restate-server tuning among the free-form RESTATE_* settings", () => {
        const message = problemsOf((s) => {
            s.restate.environment = { RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "5000" };
        });
        expect(message).toContain(
            "restate.environment: RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT is set from restate.tuning; set it there",
        );
    });

    it("runs production as a three-node Restate cluster and development as one node", () => {
        expect(loadEnvironment("production").restate).toMatchObject({ mode: "cluster", nodes: 3 });
        expect(loadEnvironment("development").restate).toMatchObject({ mode: "single", nodes: 1 });
        const defaulted = loadEnvironment(
            "development",
            devWith((s) => {
                s.restate.mode = "cluster";
            }),
        );
        expect(defaulted.restate.nodes).toBe(3);
    });

    it.each([
        ["cluster", 1, "restate.nodes: a cluster needs an odd number of nodes, at least 3 (got 1)"],
        ["cluster", 4, "restate.nodes: a cluster needs an odd number of nodes, at least 3 (got 4)"],
        ["single", 3, 'restate.nodes: single mode runs one node (got 3); set mode "cluster" for more'],
    ] as const)("refuses restate mode %s with %i nodes, naming the problem", (mode, nodes, expected) => {
        const message = problemsOf((s) => {
            s.restate.mode = mode;
            s.restate.nodes = nodes;
        });
        expect(message).toContain(expected);
    });

    it("refuses the cluster's own settings among the free-form RESTATE_* settings", () => {
        const message = problemsOf((s) => {
            s.restate.environment = { RESTATE_ADVERTISED_ADDRESS: "http://elsewhere:5122/" };
        });
        expect(message).toContain(
            "restate.environment: RESTATE_ADVERTISED_ADDRESS is set by the stack (restate.mode); remove it",
        );
    });

    it.each(cases)("rejects %s with a readable message", (_what, change, expected) => {
        const message = problemsOf(change);
        expect(message).toContain('Invalid settings for environment "development"');
        expect(message).toContain(expected);
    });
});
