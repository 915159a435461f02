import { CliError } from "scripts/cli";
import { describe, expect, it } from "vitest";
import { parseArgs, SCENARIOS } from "../lib/args";

describe("parseArgs", () => {
    it("defaults to the full profile: concurrency 8 and 32, N 300, every scenario, own stack", () => {
        const o = parseArgs([]);
        expect(o.profile).toBe("full");
        expect(o.concurrency).toEqual([8, 32]);
        expect(o.n).toBe(300);
        expect(o.storm).toEqual({ messages: 1000, conversations: 100 });
        expect(o.bulkLeads).toBe(10_000);
        expect(o.soakLeads).toBe(3000);
        expect(o.only).toEqual([...SCENARIOS]);
        expect(o.external).toBeUndefined();
        expect(o.budgetSeconds).toBeLessThan(600);
    });

    it("--quick gives a smaller N and one concurrency", () => {
        const o = parseArgs(["--quick"]);
        expect(o.profile).toBe("quick");
        expect(o.concurrency).toHaveLength(1);
        expect(o.n).toBeLessThan(300);
        expect(o.bulkLeads).toBeLessThan(10_000);
    });

    it("runs the three-node cluster row in the full profile, and in --quick only when --only names it", () => {
        expect(parseArgs([]).only).toContain("acton-cluster");
        expect(parseArgs(["--quick"]).only).toEqual(SCENARIOS.filter((name) => name !== "acton-cluster"));
        expect(parseArgs(["--quick", "--only", "acton,acton-cluster"]).only).toEqual(["acton", "acton-cluster"]);
    });

    it("explicit values win over the profile, in both --flag value and --flag=value forms", () => {
        const o = parseArgs(["--quick", "--concurrency", "4, 16,4", "--n=50", "--storm", "30/3", "--bulk", "500"]);
        expect(o.concurrency).toEqual([4, 16]);
        expect(o.n).toBe(50);
        expect(o.storm).toEqual({ messages: 30, conversations: 3 });
        expect(o.bulkLeads).toBe(500);
    });

    it("--only keeps the named scenarios", () => {
        expect(parseArgs(["--only", "acton,bulk"]).only).toEqual(["acton", "bulk"]);
        expect(() => parseArgs(["--only", "acton,nope"])).toThrow(/unknown scenario 'nope'/);
    });

    it("takes a running stack only with every URL and the key", () => {
        const o = parseArgs([
            "--ingress",
            "http://127.0.0.1:8080/",
            "--admin",
            "http://127.0.0.1:9070",
            "--sandbox",
            "http://127.0.0.1:4010",
            "--dynamo",
            "http://127.0.0.1:8000",
            "--api-key",
            "k",
        ]);
        expect(o.external).toEqual({
            ingress: "http://127.0.0.1:8080",
            admin: "http://127.0.0.1:9070",
            sandbox: "http://127.0.0.1:4010",
            dynamo: "http://127.0.0.1:8000",
            apiKey: "k",
            tablePrefix: "DEV",
        });
        expect(() => parseArgs(["--ingress", "http://127.0.0.1:8080"])).toThrow(/missing --admin --sandbox/);
        expect(() =>
            parseArgs([
                "--ingress",
                "ftp://x",
                "--admin",
                "http://a",
                "--sandbox",
                "http://s",
                "--dynamo",
                "http://d",
                "--api-key",
                "k",
            ]),
        ).toThrow(/--ingress must be an http/);
    });

    it("rejects unknown flags, missing values, repeats and non-numbers", () => {
        expect(() => parseArgs(["--fast"])).toThrow(CliError);
        expect(() => parseArgs(["--fast"])).toThrow("unknown option '--fast'; see bun run bench --help");
        expect(() => parseArgs(["--n"])).toThrow(/--n needs a value/);
        expect(() => parseArgs(["--n", "0"])).toThrow(/positive whole number/);
        expect(() => parseArgs(["--n", "1.5"])).toThrow(/positive whole number/);
        expect(() => parseArgs(["--n", "5", "--n", "6"])).toThrow(/twice/);
        expect(() => parseArgs(["--storm", "10/20"])).toThrow(/at least one message per conversation/);
        expect(() => parseArgs(["--concurrency", "8,x"])).toThrow(/--concurrency/);
    });

    it("takes restate-server settings for experiments as RESTATE_* pairs", () => {
        expect(parseArgs([]).restateEnv).toEqual({});
        expect(
            parseArgs(["--restate-env", "RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT=64,RESTATE_X=a=b"])
                .restateEnv,
        ).toEqual({ RESTATE_WORKER__INVOKER__CONCURRENT_INVOCATIONS_LIMIT: "64", RESTATE_X: "a=b" });
        expect(() => parseArgs(["--restate-env", "PATH=/tmp"])).toThrow(/--restate-env takes NAME=value pairs/);
    });

    it("takes lead processor settings for experiments as upper-case pairs", () => {
        expect(parseArgs([]).serviceEnv).toEqual({});
        expect(parseArgs(["--service-env", "LOG_LEVEL=info,BUN_OPTIONS=--smol"]).serviceEnv).toEqual({
            LOG_LEVEL: "info",
            BUN_OPTIONS: "--smol",
        });
        expect(() => parseArgs(["--service-env", "log_level=info"])).toThrow(/--service-env takes NAME=value pairs/);
    });

    it("recognises --help", () => {
        expect(parseArgs(["-h"]).help).toBe(true);
    });
});
