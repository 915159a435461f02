/**
 * Pure `.env` parsing, merging and serialising for `fetch-env`.
 *
 * The file is kept as a list of lines so that comments, blank lines, unknown lines and the order of
 * entries survive a rewrite untouched; only the entries whose value changes are re-rendered.
 * Values are decoded the way Bun reads `.env` (the runtime of every module):
 * - unquoted: text up to `#`, trimmed; `\$` is a literal `$`;
 * - `'…'` and `` `…` ``: literal text; `\$` is a literal `$`;
 * - inside any quotes, a backslash before the quote character does not end the value (and is kept);
 * - `"…"`: `\n` and `\r` are line breaks, `\$` is a literal `$`, other backslashes are literal;
 *   a double-quoted value may span several lines.
 * A line is split on its FIRST `=` only, so values containing `=` are kept whole.
 */

export type EnvLine =
    | { kind: "blank" | "comment" | "other"; raw: string[] }
    | {
          kind: "entry";
          /** The source lines of this entry (more than one for a multi-line quoted value). */
          raw: string[];
          key: string;
          value: string;
          exported: boolean;
          /** Leading whitespace, kept when the entry is re-rendered. */
          indent: string;
          /** Trailing ` # comment` after the value, kept when the entry is re-rendered. */
          trailing: string;
      };

export interface EnvFile {
    lines: EnvLine[];
    eol: "\n" | "\r\n";
    /** Whether the text ended with a line break (an empty file counts as yes). */
    finalEol: boolean;
}

export type EnvOperation = "merge" | "overwrite";

export interface MergeResult {
    file: EnvFile;
    /** Keys added at the end of the file, in the secret's order. */
    appended: string[];
    /** Keys whose existing value was replaced (`merge`: was empty; `overwrite`: differed). */
    updated: string[];
    /** Keys of the secret that were already present and left as they were. */
    unchanged: string[];
}

export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ENTRY = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;

export function parseEnvFile(text: string): EnvFile {
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const finalEol = text === "" || text.endsWith("\n");
    const rawLines = text.split(/\r?\n/);
    if (finalEol) rawLines.pop();
    const lines: EnvLine[] = [];
    for (let i = 0; i < rawLines.length; i++) {
        const line = rawLines[i] ?? "";
        const trimmed = line.trim();
        if (trimmed === "") {
            lines.push({ kind: "blank", raw: [line] });
            continue;
        }
        if (trimmed.startsWith("#")) {
            lines.push({ kind: "comment", raw: [line] });
            continue;
        }
        const match = ENTRY.exec(line);
        if (!match) {
            lines.push({ kind: "other", raw: [line] });
            continue;
        }
        const [, indent = "", exportWord, key = "", rest = ""] = match;
        let source = rest.trimStart();
        const raw = [line];
        const quote = source[0];
        if (quote === '"' && findClosingQuote(source, '"') < 0) {
            // A double-quoted value continues on the following lines until its closing quote.
            let j = i + 1;
            while (j < rawLines.length) {
                const next = rawLines[j] ?? "";
                raw.push(next);
                source = `${source}\n${next}`;
                j++;
                if (findClosingQuote(source, '"') >= 0) break;
            }
            if (findClosingQuote(source, '"') < 0) {
                // Never closed: keep the lines as they are rather than guess.
                lines.push({ kind: "other", raw: [line] });
                continue;
            }
            i = j - 1;
        }
        const { value, trailing } = decodeValue(source);
        lines.push({ kind: "entry", raw, key, value, exported: exportWord !== undefined, indent, trailing });
    }
    return { lines, eol, finalEol };
}

/** Index of the quote closing a value that starts with `quote` at index 0, or -1. */
function findClosingQuote(source: string, quote: string): number {
    for (let i = 1; i < source.length; i++) {
        const c = source[i];
        if (c === "\\" && source[i + 1] === quote) {
            i++;
            continue;
        }
        if (c === quote) return i;
    }
    return -1;
}

function decodeValue(source: string): { value: string; trailing: string } {
    const quote = source[0];
    if (quote === '"' || quote === "'" || quote === "`") {
        const end = findClosingQuote(source, quote);
        if (end > 0) {
            const body = source.slice(1, end);
            const after = source.slice(end + 1);
            const trailing = /^\s*#/.test(after) ? after : "";
            return { value: quote === '"' ? decodeDoubleQuoted(body) : body.replaceAll("\\$", "$"), trailing };
        }
    }
    const hash = source.indexOf("#");
    const text = hash >= 0 ? source.slice(0, hash) : source;
    const trailing = hash >= 0 ? ` ${source.slice(hash)}` : "";
    return { value: text.trim().replaceAll("\\$", "$"), trailing };
}

function decodeDoubleQuoted(body: string): string {
    let out = "";
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        const next = body[i + 1];
        if (c === "\\" && next === "n") {
            out += "\n";
            i++;
        } else if (c === "\\" && next === "r") {
            out += "\r";
            i++;
        } else if (c === "\\" && next === "$") {
            out += "$";
            i++;
        } else if (c === "\\" && next === '"') {
            out += '\\"';
            i++;
        } else {
            out += c;
        }
    }
    return out;
}

/** Thrown for a value no `.env` quoting carries unchanged (needs quotes and ends in `\`, or mixes line breaks with `"`/`\`). */
export class UnrepresentableValueError extends Error {
    constructor(readonly key: string) {
        super(`the value of ${key} cannot be written to a .env file so that it reads back unchanged`);
        this.name = "UnrepresentableValueError";
    }
}

const SAFE_UNQUOTED = /^[^\s#'"`$]*$/;

/** Renders a value so that reading the file back (Bun's rules) gives exactly `value`. */
export function serializeValue(key: string, value: string): string {
    if (SAFE_UNQUOTED.test(value)) return value;
    const escapeDollar = (v: string) => v.replaceAll("$", "\\$");
    // Inside any quotes a backslash before the closing quote escapes it.
    if (value.endsWith("\\")) throw new UnrepresentableValueError(key);
    if (/[\r\n]/.test(value)) {
        if (value.includes('"') || value.includes("\\")) throw new UnrepresentableValueError(key);
        return `"${escapeDollar(value).replaceAll("\r", "\\r").replaceAll("\n", "\\n")}"`;
    }
    if (!value.includes("'")) return `'${escapeDollar(value)}'`;
    if (!value.includes("`")) return `\`${escapeDollar(value)}\``;
    // Both ' and ` present: double quotes, which only treat \n, \r, \$ and \" specially.
    if (value.includes('"') || /\\[nr"]/.test(value)) throw new UnrepresentableValueError(key);
    return `"${escapeDollar(value)}"`;
}

function renderEntry(line: Extract<EnvLine, { kind: "entry" }>, value: string): EnvLine {
    const text = `${line.indent}${line.exported ? "export " : ""}${line.key}=${serializeValue(line.key, value)}${line.trailing}`;
    return { ...line, value, raw: [text] };
}

function newEntry(key: string, value: string): EnvLine {
    return {
        kind: "entry",
        key,
        value,
        exported: false,
        indent: "",
        trailing: "",
        raw: [`${key}=${serializeValue(key, value)}`],
    };
}

/**
 * Applies a secret's key/value pairs to a parsed file.
 * - `merge`: appends keys that are missing and fills keys whose value is empty; other values are kept.
 * - `overwrite`: appends keys that are missing and replaces every value that differs.
 * When a key occurs several times, the last occurrence (the one a reader ends up with) is the one considered.
 */
export function applySecret(file: EnvFile, secret: Record<string, string>, operation: EnvOperation): MergeResult {
    const lines = [...file.lines];
    const lastIndex = new Map<string, number>();
    lines.forEach((line, index) => {
        if (line.kind === "entry") lastIndex.set(line.key, index);
    });
    const appended: string[] = [];
    const updated: string[] = [];
    const unchanged: string[] = [];
    for (const [key, value] of Object.entries(secret)) {
        const index = lastIndex.get(key);
        const current = index === undefined ? undefined : lines[index];
        if (index === undefined || current?.kind !== "entry") {
            lines.push(newEntry(key, value));
            lastIndex.set(key, lines.length - 1);
            appended.push(key);
            continue;
        }
        const replace = operation === "merge" ? current.value === "" && value !== "" : current.value !== value;
        if (replace) {
            lines[index] = renderEntry(current, value);
            updated.push(key);
        } else {
            unchanged.push(key);
        }
    }
    // Appended lines always end with a line break.
    const finalEol = file.finalEol || appended.length > 0;
    return { file: { ...file, lines, finalEol }, appended, updated, unchanged };
}

export function serializeEnvFile(file: EnvFile): string {
    if (file.lines.length === 0) return "";
    const text = file.lines.flatMap((line) => line.raw).join(file.eol);
    return file.finalEol ? `${text}${file.eol}` : text;
}

/** The key → value view a reader of the file ends up with (last occurrence wins). */
export function envValues(file: EnvFile): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of file.lines) if (line.kind === "entry") out[line.key] = line.value;
    return out;
}

/** Checks that a parsed secret is a JSON object whose values are all strings; returns a problem or the map. */
export function secretToEnvMap(
    parsed: unknown,
): { ok: true; values: Record<string, string> } | { ok: false; problem: string } {
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return { ok: false, problem: "is not a JSON object" };
    }
    const badValues = Object.entries(parsed)
        .filter(([, v]) => typeof v !== "string")
        .map(([k]) => k);
    if (badValues.length > 0) return { ok: false, problem: `has non-string values for ${badValues.join(", ")}` };
    const badKeys = Object.keys(parsed).filter((k) => !ENV_KEY.test(k));
    if (badKeys.length > 0) {
        return {
            ok: false,
            problem: `has keys that are not valid variable names: ${badKeys.map((k) => JSON.stringify(k)).join(", ")}`,
        };
    }
    return { ok: true, values: parsed as Record<string, string> };
}
