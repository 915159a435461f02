/** A small Dockerfile reader: enough to check what each stage copies and runs (no Docker engine here). */

export interface Instruction {
    keyword: string;
    args: string;
}

export interface Stage {
    image: string;
    name: string | undefined;
    instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
    const logical: string[] = [];
    let pending = "";
    for (const raw of text.split("\n")) {
        const line = raw.trim();
        if (pending === "" && (line === "" || line.startsWith("#"))) continue;
        if (line.endsWith("\\")) {
            pending += `${line.slice(0, -1).trim()} `;
            continue;
        }
        logical.push(`${pending}${line}`.trim());
        pending = "";
    }

    const stages: Stage[] = [];
    for (const line of logical) {
        const [keyword = "", ...rest] = line.split(/\s+/);
        const args = rest.join(" ");
        if (keyword.toUpperCase() === "FROM") {
            const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
            if (!match?.[1]) throw new Error(`cannot read FROM ${args}`);
            stages.push({ image: match[1], name: match[2], instructions: [] });
            continue;
        }
        const stage = stages.at(-1);
        if (!stage) throw new Error(`${keyword} before FROM`);
        stage.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
    return stages;
}

/** Instructions in which Docker itself replaces variables; in RUN the shell reads them from the environment. */
const SUBSTITUTED = new Set(["ADD", "COPY", "ENV", "EXPOSE", "LABEL", "USER", "VOLUME", "WORKDIR"]);

/**
 * The stages as Docker sees them for these `--build-arg`s: `$NAME` / `${NAME}` replaced in the instructions
 * Docker substitutes, after the stage's `ARG NAME` (an ARG is scoped to the stage that declares it, so a
 * reference the stage did not declare stays literal, and the tests see it). RUN and CMD are left as written.
 */
export function withBuildArgs(stages: Stage[], buildArgs: Record<string, string>): Stage[] {
    return stages.map((stage) => {
        const declared = new Map<string, string | undefined>();
        const instructions = stage.instructions.map((instruction) => {
            if (!SUBSTITUTED.has(instruction.keyword)) {
                if (instruction.keyword === "ARG") {
                    const [name = "", fallback] = instruction.args.split("=", 2);
                    declared.set(name, fallback);
                }
                return instruction;
            }
            const args = instruction.args.replace(/\$\{(\w+)\}|\$(\w+)/g, (ref, braced?: string, bare?: string) => {
                const name = braced ?? bare ?? "";
                return declared.has(name) ? (buildArgs[name] ?? declared.get(name) ?? "") : ref;
            });
            return { ...instruction, args };
        });
        return { ...stage, instructions };
    });
}

export interface Copy {
    from: string | undefined;
    chown: string | undefined;
    sources: string[];
    destination: string;
}

export function parseCopy(args: string): Copy {
    const words = args.split(/\s+/);
    const flags = words.filter((w) => w.startsWith("--"));
    const paths = words.filter((w) => !w.startsWith("--"));
    const flag = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3);
    const destination = paths.pop();
    if (!destination || paths.length === 0) throw new Error(`cannot read COPY ${args}`);
    return { from: flag("from"), chown: flag("chown"), sources: paths, destination };
}

/** Docker-ignore style pattern (`*` within a segment, `**` across) → RegExp. */
function globToRegExp(pattern: string): RegExp {
    let out = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === "*" && pattern.charAt(i + 1) === "*") {
            out += ".*";
            i++;
        } else if (c === "*") {
            out += "[^/]*";
        } else {
            out += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
        }
    }
    return new RegExp(`^${out}$`);
}

/** Whether an allow-list (everything excluded, `!pattern` re-included) lets `file` into the context. */
export function allowedByContext(patterns: string[], file: string): boolean {
    let included = true;
    for (const pattern of patterns) {
        const negated = pattern.startsWith("!");
        const glob = negated ? pattern.slice(1) : pattern;
        if (globToRegExp(glob).test(file)) included = negated;
    }
    return included;
}
