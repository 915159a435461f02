/**
 * `bun run docs` — writes the OpenAPI 3.1 document of the public API to `docs/openapi.json`, generated from the
 * zod schemas the handlers parse with (see `scripts/openapi/`).
 *
 *   bun run docs            write docs/openapi.json
 *   bun run docs --check    exit 1 when the committed file differs from what the handlers' schemas give
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, runCli, say } from "./lib/cli";
import { parseCommandLine } from "./lib/command-line";
import { buildDocument, stableJson } from "./openapi";

const NAME = "docs";
const USAGE = "usage: bun run docs [--check]";
const REPO = fileURLToPath(new URL("../", import.meta.url));
export const OPENAPI_PATH = join(REPO, "docs", "openapi.json");

/** The document as `bun run docs` writes it. */
export function generatedOpenApi(): string {
    return stableJson(buildDocument());
}

export async function docsCommand(argv: string[], path = OPENAPI_PATH): Promise<void> {
    const parsed = parseCommandLine(argv, { options: { check: { type: "boolean" } }, hint: USAGE });
    if (parsed === "help") {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    const check = parsed.values.check ?? false;
    const generated = generatedOpenApi();
    const shown = path.startsWith(REPO) ? path.slice(REPO.length) : path;
    if (check) {
        const committed = existsSync(path) ? readFileSync(path, "utf8") : undefined;
        if (committed === generated) return say(NAME, `${shown} is up to date`);
        throw new CliError(
            committed === undefined
                ? `${shown} does not exist; run bun run docs`
                : `${shown} differs from the handlers' schemas; run bun run docs and commit it`,
        );
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generated);
    const doc = JSON.parse(generated) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    say(NAME, `wrote ${shown} (${operations} operations)`);
}

if (import.meta.main) await runCli(NAME, () => docsCommand(process.argv.slice(2)));
