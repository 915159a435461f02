import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
    applySecret,
    envValues,
    parseEnvFile,
    secretToEnvMap,
    serializeEnvFile,
    serializeValue,
    UnrepresentableValueError,
} from "../lib/env-file";

const merge = (text: string, secret: Record<string, string>, op: "merge" | "overwrite") => {
    const result = applySecret(parseEnvFile(text), secret, op);
    return { ...result, text: serializeEnvFile(result.file) };
};

describe("parseEnvFile", () => {
    it("reads plain, quoted, exported and commented lines", () => {
        const file = parseEnvFile(
            [
                "# a comment",
                "",
                "PLAIN=value",
                "export EXPORTED=yes",
                "SINGLE='a b'",
                'DOUBLE="c d"',
                "BACKTICK=`it's`",
                "EMPTY=",
                "QUOTED_EMPTY=''",
                "  SPACED = padded  ",
                "INLINE=value # trailing comment",
                "not an assignment",
                "",
            ].join("\n"),
        );
        expect(envValues(file)).toEqual({
            PLAIN: "value",
            EXPORTED: "yes",
            SINGLE: "a b",
            DOUBLE: "c d",
            BACKTICK: "it's",
            EMPTY: "",
            QUOTED_EMPTY: "",
            SPACED: "padded",
            INLINE: "value",
        });
        expect(file.lines.map((l) => l.kind)).toEqual([
            "comment",
            "blank",
            "entry",
            "entry",
            "entry",
            "entry",
            "entry",
            "entry",
            "entry",
            "entry",
            "entry",
            "other",
        ]);
    });

    it("keeps values containing = whole (the old script cut them at the second =)", () => {
        const file = parseEnvFile("URL=https://x.example/?a=1&b=2\nB64=YWJj==\n");
        expect(envValues(file)).toEqual({ URL: "https://x.example/?a=1&b=2", B64: "YWJj==" });
    });

    it("decodes double-quoted escapes and \\$ as Bun does", () => {
        const file = parseEnvFile('A="one\\ntwo"\nB=\\$HOME\nC=\'x \\$Y\'\nD="q\\"q"\n');
        expect(envValues(file)).toEqual({ A: "one\ntwo", B: "$HOME", C: "x $Y", D: 'q\\"q' });
    });

    it("reads a double-quoted value spanning lines as one entry", () => {
        const file = parseEnvFile('KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1\n');
        expect(envValues(file)).toEqual({ KEY: "-----BEGIN-----\nabc\n-----END-----", NEXT: "1" });
        expect(serializeEnvFile(file)).toBe('KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1\n');
    });

    it("keeps an unterminated quote line as it is", () => {
        const text = 'BROKEN="never closed\nOTHER=1\n';
        const file = parseEnvFile(text);
        expect(serializeEnvFile(file)).toBe(text);
        expect(envValues(file)).toEqual({ OTHER: "1" });
    });

    it("round-trips any file it does not change, byte for byte", () => {
        for (const text of [
            "",
            "A=1",
            "A=1\n",
            "# only a comment\n\n\n",
            "A=1\r\nB='x y'\r\n# c\r\n",
            "export A=1 # why\n  B = 2\nweird line\n",
        ]) {
            expect(serializeEnvFile(parseEnvFile(text))).toBe(text);
        }
    });
});

describe("applySecret", () => {
    const text = ["# Lead processor", "FILLED=local-value", "EMPTY=", "", "# Twilio", "export SAME=same", ""].join(
        "\n",
    );
    const secret = { FILLED: "from-secret", EMPTY: "filled", SAME: "same", NEW_ONE: "n1", NEW_TWO: "a=b=c" };

    it("merge: appends new keys and fills only empty values", () => {
        const result = merge(text, secret, "merge");
        expect(result.appended).toEqual(["NEW_ONE", "NEW_TWO"]);
        expect(result.updated).toEqual(["EMPTY"]);
        expect(result.unchanged).toEqual(["FILLED", "SAME"]);
        expect(result.text).toBe(
            [
                "# Lead processor",
                "FILLED=local-value",
                "EMPTY=filled",
                "",
                "# Twilio",
                "export SAME=same",
                "NEW_ONE=n1",
                "NEW_TWO=a=b=c",
                "",
            ].join("\n"),
        );
    });

    it("overwrite: appends new keys and replaces values that differ", () => {
        const result = merge(text, secret, "overwrite");
        expect(result.appended).toEqual(["NEW_ONE", "NEW_TWO"]);
        expect(result.updated).toEqual(["FILLED", "EMPTY"]);
        expect(result.unchanged).toEqual(["SAME"]);
        expect(envValues(parseEnvFile(result.text))).toEqual({
            FILLED: "from-secret",
            EMPTY: "filled",
            SAME: "same",
            NEW_ONE: "n1",
            NEW_TWO: "a=b=c",
        });
        expect(result.text.split("\n").slice(0, 6)).toEqual([
            "# Lead processor",
            "FILLED=from-secret",
            "EMPTY=filled",
            "",
            "# Twilio",
            "export SAME=same",
        ]);
    });

    it("merge does not blank a value when the secret's value is empty", () => {
        const result = merge("A=\nB=keep\n", { A: "", B: "" }, "merge");
        expect(result.updated).toEqual([]);
        expect(result.text).toBe("A=\nB=keep\n");
    });

    it("keeps the export prefix, indentation and trailing comment of a replaced line", () => {
        const result = merge("  export TOKEN=old # rotate monthly\n", { TOKEN: "new value" }, "overwrite");
        expect(result.text).toBe("  export TOKEN='new value' # rotate monthly\n");
    });

    it("keeps CRLF line endings, also for appended lines", () => {
        const result = merge("# c\r\nA=1\r\nB=\r\n", { B: "2", C: "3" }, "merge");
        expect(result.text).toBe("# c\r\nA=1\r\nB=2\r\nC=3\r\n");
    });

    it("adds the missing final line break before appending", () => {
        expect(merge("A=1", { B: "2" }, "merge").text).toBe("A=1\nB=2\n");
    });

    it("starts a new file from nothing", () => {
        expect(merge("", { A: "1", B: "x y" }, "merge").text).toBe("A=1\nB='x y'\n");
    });

    it("considers the last occurrence of a repeated key", () => {
        const result = merge("A=first\nA=\n", { A: "filled" }, "merge");
        expect(result.text).toBe("A=first\nA=filled\n");
    });

    it("compares decoded values, so a differently quoted equal value is left alone", () => {
        const result = merge("A='a b'\nB=\"x\"\n", { A: "a b", B: "x" }, "overwrite");
        expect(result.updated).toEqual([]);
        expect(result.text).toBe("A='a b'\nB=\"x\"\n");
    });
});

describe("serializeValue", () => {
    it("quotes only values that need it", () => {
        expect(serializeValue("K", "simple-value_1.2:/@+,=")).toBe("simple-value_1.2:/@+,=");
        expect(serializeValue("K", "")).toBe("");
        expect(serializeValue("K", "has space")).toBe("'has space'");
        expect(serializeValue("K", "has#hash")).toBe("'has#hash'");
        expect(serializeValue("K", 'say "hi"')).toBe(`'say "hi"'`);
        expect(serializeValue("K", "it's")).toBe("`it's`");
        expect(serializeValue("K", "pa$$word")).toBe("'pa\\$\\$word'");
        expect(serializeValue("K", "line1\nline2")).toBe('"line1\\nline2"');
        expect(serializeValue("K", "back\\slash")).toBe("back\\slash");
        expect(serializeValue("K", "back\\slash and space")).toBe("'back\\slash and space'");
    });

    it("refuses values no quoting can carry", () => {
        expect(() => serializeValue("K", 'a\n"b"')).toThrow(UnrepresentableValueError);
        expect(() => serializeValue("K", "needs quotes\\")).toThrow(UnrepresentableValueError);
    });

    it("every rendered value reads back unchanged with this parser", () => {
        for (const value of tricky) {
            const file = parseEnvFile(`K=${serializeValue("K", value)}\n`);
            expect(envValues(file).K).toBe(value);
        }
    });

    it("every rendered value reads back unchanged with Bun's own .env loader", () => {
        const dir = mkdtempSync(join(tmpdir(), "env-file-"));
        try {
            const lines = tricky.map((value, i) => `K${i}=${serializeValue(`K${i}`, value)}`);
            writeFileSync(join(dir, ".env"), `${lines.join("\n")}\n`);
            const script = `console.log(JSON.stringify(Array.from({length: ${tricky.length}}, (_, i) => process.env["K" + i])))`;
            const out = spawnSync(process.execPath, ["-e", script], { cwd: dir, env: { PATH: process.env.PATH } });
            expect(out.status).toBe(0);
            expect(JSON.parse(out.stdout.toString())).toEqual(tricky);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

const tricky = [
    "plain",
    "a=b=c",
    "with space",
    "  leading and trailing  ",
    "hash # inside",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${X} is the point of this case
    "dollar $HOME and ${X}",
    "pa$$word",
    "it's",
    'say "hi"',
    "both ' and \"",
    "back\\slash",
    "ends-with-backslash\\",
    "back\\slash and\\$dollar",
    "multi\nline",
    "tab\there",
    "ünïcödé ✓",
    "https://user:p%40ss@host.example/path?q=1&r=2#frag",
];

describe("secretToEnvMap", () => {
    it("accepts an object of strings", () => {
        expect(secretToEnvMap({ A: "1", B_2: "" })).toEqual({ ok: true, values: { A: "1", B_2: "" } });
    });

    it.each([
        [[], "is not a JSON object"],
        ["text", "is not a JSON object"],
        [null, "is not a JSON object"],
        [{ A: 1, B: "x", C: true }, "has non-string values for A, C"],
        [{ "bad key": "x" }, 'has keys that are not valid variable names: "bad key"'],
    ])("rejects %j", (input, problem) => {
        expect(secretToEnvMap(input)).toEqual({ ok: false, problem });
    });
});
