/**
 * The one command-line parser of the repository's commands: `node:util`'s `parseArgs` (strict), plus
 * `--help`/`-h`, one-line messages for what it refuses, and the two checks it leaves out (an option given
 * twice, an empty value). Every refusal is a {@link CliError} with exit code 2.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { CliError, describeError } from "./cli";

export interface CommandLineSpec<O extends ParseArgsOptionsConfig> {
    /** The command's options (`--help`/`-h` is added). */
    options: O;
    /** Whether the command takes positional arguments (default no). */
    positionals?: boolean;
    /** Appended to every refusal: `see bun run lead:show --help`, or the usage line. */
    hint: string;
}

const HELP = { help: { type: "boolean", short: "h" } } as const;

function parse<O extends ParseArgsOptionsConfig>(argv: readonly string[], spec: CommandLineSpec<O>) {
    return parseArgs({
        args: [...argv],
        options: { ...spec.options, ...HELP },
        allowPositionals: spec.positionals ?? false,
        strict: true,
        tokens: true,
    });
}

export type CommandLine<O extends ParseArgsOptionsConfig> = Omit<ReturnType<typeof parse<O>>, "tokens">;

/** The values of a command line whose options are not known statically. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** `--name` or `-n` as written → the option's configuration, if the command has it. */
function optionOf(flag: string, options: ParseArgsOptionsConfig) {
    const name = flag.replace(/^--?/, "");
    return flag.startsWith("--") ? options[name] : Object.values(options).find((option) => option.short === name);
}

/** One line for what `parseArgs` refused, naming the option or argument. */
function refusal(error: unknown, options: ParseArgsOptionsConfig): string {
    const message = describeError(error);
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    // The messages quote the argument, or the option as "-j, --json" or "--n <value>".
    const quoted = /'([^']+)'/.exec(message)?.[1];
    const flag = quoted && (/--[^\s,]+/.exec(quoted)?.[0] ?? quoted.split(/[\s,]/)[0]);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" && quoted) return `unexpected argument '${quoted}'`;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag) return `unknown option '${flag}'`;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
        return optionOf(flag, options)?.type === "string" ? `${flag} needs a value` : `${flag} takes no value`;
    }
    return message.split("\n")[0] ?? message;
}

/**
 * Parses `argv` against `spec`: `"help"` when `--help` or `-h` is among them, else the values and positionals.
 * Unknown options, missing or empty values, values given to a flag, an option given twice (unless it is
 * `multiple`) and unexpected positionals are refused with one line ending in `spec.hint`, exit code 2.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
    argv: readonly string[],
    spec: CommandLineSpec<O>,
): CommandLine<O> | "help" {
    const fail = (problem: string) => new CliError(`${problem}; ${spec.hint}`, 2);
    let parsed: ReturnType<typeof parse<O>>;
    try {
        parsed = parse(argv, spec);
    } catch (error) {
        if (argv.includes("--help") || argv.includes("-h")) return "help";
        throw fail(refusal(error, spec.options));
    }
    if (parsed.tokens.some((token) => token.kind === "option" && token.name === "help")) return "help";
    const seen = new Set<string>();
    for (const token of parsed.tokens) {
        if (token.kind !== "option") continue;
        if (token.value === "") throw fail(`--${token.name} needs a value`);
        if (seen.has(token.name) && !spec.options[token.name]?.multiple) throw fail(`--${token.name} was given twice`);
        seen.add(token.name);
    }
    return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * For a command that reports its own failures (a run, not a `runCli` script): runs `parse`, and when it
 * refuses the arguments prints `<name>: <one line>` and exits with the refusal's code.
 */
export function parsedOrExit<T>(name: string, parse: () => T): T {
    try {
        return parse();
    } catch (error) {
        if (!(error instanceof CliError)) throw error;
        process.stderr.write(`${name}: ${error.message}\n`);
        process.exit(error.exitCode);
    }
}
