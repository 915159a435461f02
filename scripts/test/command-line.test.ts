import { describe, expect, it } from "vitest";
import { CliError } from "../lib/cli";
import { parseCommandLine } from "../lib/command-line";

const spec = {
    options: {
        n: { type: "string" },
        tag: { type: "string", multiple: true },
        json: { type: "boolean", short: "j" },
    },
    positionals: true,
    hint: "see bun run demo --help",
} as const;

function refusal(argv: string[], positionals = true): CliError {
    try {
        parseCommandLine(argv, { ...spec, positionals });
    } catch (error) {
        if (error instanceof CliError) return error;
        throw error;
    }
    throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe("parseCommandLine", () => {
    it("reads options in both forms, short flags, repeated multiple options and positionals", () => {
        expect(parseCommandLine(["--n", "5", "-j", "a", "--tag=x", "--tag", "y", "b"], spec)).toEqual({
            values: { n: "5", json: true, tag: ["x", "y"] },
            positionals: ["a", "b"],
        });
        expect(parseCommandLine(["--", "--not-an-option"], spec)).toEqual({
            values: {},
            positionals: ["--not-an-option"],
        });
    });

    it("answers --help and -h, even beside a bad argument", () => {
        expect(parseCommandLine(["--help"], spec)).toBe("help");
        expect(parseCommandLine(["a", "-h"], spec)).toBe("help");
        expect(parseCommandLine(["--bogus", "--help"], spec)).toBe("help");
    });

    it.each<[string, string[], string]>([
        ["an unknown option", ["--all"], "unknown option '--all'"],
        ["an unknown short flag", ["-x"], "unknown option '-x'"],
        ["a missing value", ["--n"], "--n needs a value"],
        ["a value that looks like an option", ["--n", "--json"], "--n needs a value"],
        ["an empty value", ["--n="], "--n needs a value"],
        ["a value given to a flag", ["--json=yes"], "--json takes no value"],
        ["an option given twice", ["--n", "1", "--n", "2"], "--n was given twice"],
    ])("refuses %s with one line and exit code 2", (_name, argv, problem) => {
        const error = refusal(argv);
        expect(error.message).toBe(`${problem}; see bun run demo --help`);
        expect(error.exitCode).toBe(2);
    });

    it("refuses positionals when the command takes none", () => {
        expect(refusal(["stray"], false).message).toBe("unexpected argument 'stray'; see bun run demo --help");
    });
});
