import { z } from "zod";

/** A DynamoDB FilterExpression with its placeholders, built from an attribute-equality map. */
export interface AttributeFilter {
    expression: string;
    names: Record<string, string>;
    values: Record<string, string | number | boolean>;
}

/** Thrown for a filter that is not an attribute-equality map; the message says what is wrong. */
export class FilterError extends Error {
    override readonly name = "FilterError";
}

const MAX_CONDITIONS = 20;
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const Value = z.union([z.string().max(1000), z.number(), z.boolean()]);

/**
 * Builds `#a0 = :v0 AND #a1_0.#a1_1 = :v1 …` from `{Status: "ACTIVE", "Lead.LocationId": "…"}`. Keys are
 * attribute names, or dotted paths into maps; values are strings, numbers or booleans. Every name and value
 * goes through a placeholder, so no input reaches the expression text.
 */
export function buildAttributeFilter(filter: unknown): AttributeFilter {
    if (typeof filter !== "object" || filter === null || Array.isArray(filter)) {
        throw new FilterError(`expected "*" or an object of attribute names to values, got ${describe(filter)}`);
    }
    const entries = Object.entries(filter);
    if (entries.length === 0) throw new FilterError('the filter object is empty; use "*" for every lead');
    if (entries.length > MAX_CONDITIONS) throw new FilterError(`at most ${MAX_CONDITIONS} attributes may be given`);
    const names: Record<string, string> = {};
    const values: AttributeFilter["values"] = {};
    const conditions = entries.map(([path, raw], i) => {
        const segments = path.split(".");
        if (!segments.every((s) => SEGMENT.test(s))) {
            throw new FilterError(`'${path.slice(0, 80)}' is not an attribute name (letters, digits, _ and -)`);
        }
        const value = Value.safeParse(raw);
        if (!value.success) throw new FilterError(`'${path}' must equal a string, number or boolean`);
        const placeholders = segments.map((segment, j) => {
            const placeholder = `#a${i}_${j}`;
            names[placeholder] = segment;
            return placeholder;
        });
        values[`:v${i}`] = value.data;
        return `${placeholders.join(".")} = :v${i}`;
    });
    return { expression: conditions.join(" AND "), names, values };
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return typeof value === "string" ? `the string '${value.slice(0, 40)}'` : `a ${typeof value}`;
}
