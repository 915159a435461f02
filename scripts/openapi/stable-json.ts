/**
 * Serializes the document with a stable key order, so regenerating it only changes what really changed:
 * object keys are sorted, except the root (OpenAPI's conventional order), a schema's `properties` (field
 * order as the schema declares it) and example values (as written).
 */
const ROOT_ORDER = ["openapi", "info", "servers", "tags", "paths", "components"];
/** Keys whose value is kept exactly as built (examples are data, shown as written). */
const VERBATIM = new Set(["example", "examples"]);

/** `map`: the object is a schema's `properties` (its keys are field names: keep their order, no keywords). */
function order(value: unknown, map = false): unknown {
    if (Array.isArray(value)) return value.map((v) => order(v));
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (map) return Object.fromEntries(entries.map(([key, v]) => [key, order(v)]));
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, v]) => [key, VERBATIM.has(key) ? v : order(v, key === "properties")]));
}

/** Pretty JSON (4 spaces, final newline) with the stable key order described above. */
export function stableJson(document: Record<string, unknown>): string {
    const known = ROOT_ORDER.filter((key) => key in document);
    const rest = Object.keys(document)
        .filter((key) => !ROOT_ORDER.includes(key))
        .sort();
    const root = Object.fromEntries([...known, ...rest].map((key) => [key, order(document[key])]));
    return `${JSON.stringify(root, null, 4)}\n`;
}
