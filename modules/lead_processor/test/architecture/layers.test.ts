/**
 * Imports inside the lead processor point down: composition (deps.ts, endpoint.ts, …) → services (and auth; ops)
 * → integrations → lead types → clients and db → config. Only runtime imports count: a type-only import is
 * erased by the compiler and cannot create a cycle at run time.
 */
import { describe, expect, it } from "vitest";
import { type RuntimeImport, resolveRelative, runtimeImports, runtimeSpecifiers } from "./import-scan";

const SRC = "modules/lead_processor/src/";

/** Each room of `src/` and how high it stands; a file may import only rooms at its height or below. */
const RANK = { composition: 5, services: 4, ops: 4, integrations: 3, lead: 2, clients: 1, db: 1, config: 0 } as const;
type Room = keyof typeof RANK;

/** The room of a path below `src/` (without extension): its first folder, or for a top-level file its role. */
function roomOf(pathInSrc: string): Room {
    const [first = "", ...rest] = pathInSrc.split("/");
    if (rest.length === 0)
        return first.startsWith("config") ? "config" : first.startsWith("api") ? "services" : "composition";
    if (first === "services" || first === "auth") return "services";
    if (first === "ops") return "ops";
    if (first === "integrations" || first === "lead" || first === "clients" || first === "db") return first;
    throw new Error(`src/${first}/ is in no room: add it to RANK in ${import.meta.url}`);
}

/** The imports that point up: `<file> (<room>) imports <specifier> (<room>)`. */
export function upwardImports(imports: readonly RuntimeImport[]): string[] {
    return imports.flatMap((imp) => {
        const target = resolveRelative(imp);
        if (!imp.file.startsWith(SRC) || !target?.startsWith(SRC)) return [];
        const from = roomOf(imp.file.slice(SRC.length));
        const to = roomOf(target.slice(SRC.length));
        return RANK[to] > RANK[from] ? [`${imp.file} (${from}) imports ${imp.specifier} (${to})`] : [];
    });
}

describe("lead processor layering", () => {
    it("has no runtime import pointing up", () => {
        expect(upwardImports(runtimeImports([SRC]))).toEqual([]);
    });

    it("reads the source it checks", () => {
        const imports = runtimeImports([SRC]);
        expect(imports.length).toBeGreaterThan(200);
        expect(imports).toContainEqual({ file: `${SRC}endpoint.ts`, specifier: "./lead-type-registry" });
    });

    it("names an upward import: lead → integrations, integrations → services, clients → lead", () => {
        const imports: RuntimeImport[] = [
            { file: `${SRC}lead/registry.ts`, specifier: "../integrations/twilio/twilio.integration" },
            { file: `${SRC}integrations/twilio/twilio.integration.ts`, specifier: "../../services/internal-calls" },
            { file: `${SRC}clients/twilio/conversations.client.ts`, specifier: "../../lead/lead-state" },
            { file: `${SRC}db/lead-states.table.ts`, specifier: "../deps" },
            { file: `${SRC}services/lead/sync-lead.ts`, specifier: "../../integrations/run-integrations" },
            { file: `${SRC}lead/lead-type.ts`, specifier: "../clients/nexus/nexus.client" },
        ];
        expect(upwardImports(imports)).toEqual([
            `${SRC}lead/registry.ts (lead) imports ../integrations/twilio/twilio.integration (integrations)`,
            `${SRC}integrations/twilio/twilio.integration.ts (integrations) imports ../../services/internal-calls (services)`,
            `${SRC}clients/twilio/conversations.client.ts (clients) imports ../../lead/lead-state (lead)`,
            `${SRC}db/lead-states.table.ts (db) imports ../deps (composition)`,
        ]);
    });

    it("counts runtime imports only", () => {
        const code = [
            'import type { A } from "./type-only";',
            'import { type B } from "./inline-type-only";',
            'import { C, type D } from "./mixed";',
            'export type { E } from "./type-reexport";',
            'export { F } from "./reexport";',
            'import "./side-effect";',
            'const g = await import("./dynamic");',
            "const text = \"import x from './in-a-string'\";",
            '// import y from "./in-a-comment";',
            "console.log(C, g, text);",
        ].join("\n");
        expect(runtimeSpecifiers(code)).toEqual(["./mixed", "./reexport", "./side-effect", "./dynamic"]);
    });
});
