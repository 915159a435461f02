import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call } from "../../support/api";
import { REQUIRED_CREATE_FIELDS } from "../../support/create-body-fields";
import { leadItem } from "../../support/dynamo";
import { actOnRequest, web2TextRequest } from "../../support/factories";

/** One malformed create body and the field its 400 must name (`expected object` for non-object bodies). */
interface Malformed {
    kind: string;
    body: unknown;
    names: string;
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/** Sets `path` (dot-separated keys) to `value`, creating objects on the way. */
function setPath(target: Json, path: string, value: unknown): Json {
    const keys = path.split(".");
    let node = target;
    for (const key of keys.slice(0, -1)) {
        const next = node[key];
        if (isRecord(next)) {
            node = next;
        } else {
            const created: Json = {};
            node[key] = created;
            node = created;
        }
    }
    node[keys.at(-1) ?? ""] = value;
    return target;
}

function deletePath(target: Json, path: string): Json {
    const keys = path.split(".");
    const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), target);
    if (isRecord(parent)) delete parent[keys.at(-1) ?? ""];
    return target;
}

const bodies: Record<"WEB2TEXT" | "ACTON", () => Json> = {
    WEB2TEXT: () => web2TextRequest(),
    ACTON: () => actOnRequest(),
};
const leadType = fc.constantFrom<keyof typeof bodies>("WEB2TEXT", "ACTON");

const STRING_FIELDS = {
    WEB2TEXT: [
        "UniversalRetailerId",
        "Lead.LocationId",
        "Lead.PageUrl",
        "Lead.Name",
        "Lead.PhoneNumber",
        "Lead.CustomerMessage",
        "Lead.IPAddress",
        "Lead.BotpressConversationId",
        "Lead.Traffic.Source",
        "Lead.AssociatedProductInfo.Brand",
    ],
    ACTON: [
        "UniversalRetailerId",
        "Lead.First Name",
        "Lead.Last Name",
        "Lead.E-mail Address",
        "Lead.Home Postal Code",
        "Lead.preferred_location",
        "Lead.notes",
    ],
};
/** Fields with a length limit, and how long a string must be to break it. */
const HUGE_FIELDS = {
    WEB2TEXT: [
        ["Lead.Name", 201],
        ["Lead.CustomerMessage", 5001],
        ["Lead.PageUrl", 2049],
    ],
    ACTON: [
        ["Lead.First Name", 201],
        ["Lead.notes", 10_001],
        ["Lead.comments", 10_001],
    ],
} as const;

const notString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

const wrongType = leadType.chain((type) =>
    fc.oneof(
        fc.tuple(fc.constantFrom(...STRING_FIELDS[type]), notString).map(([path, value]) => ({
            kind: "wrong type",
            body: setPath(bodies[type](), path, value),
            names: path,
        })),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((value) => ({
            kind: "wrong type",
            body: setPath(bodies[type](), "SyncImmediately", value),
            names: "SyncImmediately",
        })),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 })).map((value) => ({
            kind: "wrong type",
            body: setPath(bodies[type](), "Lead", value),
            names: "Lead",
        })),
    ),
);

const missing = leadType.chain((type) =>
    fc.constantFrom(...REQUIRED_CREATE_FIELDS[type]).map((path) => ({
        kind: "missing field",
        body: deletePath(bodies[type](), path),
        names: path,
    })),
);

const huge = leadType.chain((type) =>
    fc
        .tuple(
            fc.constantFrom(...HUGE_FIELDS[type]),
            fc.integer({ min: 0, max: 40_000 }),
            fc.string({ minLength: 1, maxLength: 1 }),
        )
        .map(([[path, min], extra, char]) => ({
            kind: "huge string",
            body: setPath(
                bodies[type](),
                path,
                `${path.endsWith("PageUrl") ? "https://x.example/" : ""}${char.repeat(min + extra)}`,
            ),
            names: path,
        })),
);

const invalidPhone = fc
    .oneof(
        fc.stringMatching(/^[a-zA-Z]{1,12}$/),
        fc.stringMatching(/^[0-9]{1,5}$/),
        fc.stringMatching(/^[0-9]{41,60}$/),
        fc.constant(""),
        fc.constant("+1 (000) 000"),
    )
    .map((phone) => ({
        kind: "invalid phone",
        body: setPath(bodies.WEB2TEXT(), "Lead.PhoneNumber", phone),
        names: "Lead.PhoneNumber",
    }));

const invalidEmail = fc
    .oneof(
        fc.stringMatching(/^[a-z]{1,10}$/),
        fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}$/),
        fc.stringMatching(/^@[a-z]{1,8}\.com$/),
    )
    .map((email) => ({
        kind: "invalid e-mail",
        body: setPath(bodies.ACTON(), "Lead.E-mail Address", email),
        names: "Lead.E-mail Address",
    }));

const wrongLeadType = fc
    .tuple(
        leadType,
        fc.oneof(
            fc.string({ maxLength: 20 }).filter((s) => s !== "WEB2TEXT" && s !== "ACTON"),
            fc.integer(),
        ),
    )
    .map(([type, value]) => ({
        kind: "wrong LeadType",
        body: setPath(bodies[type](), "LeadType", value),
        names: "LeadType",
    }));

const notAnObject = fc
    .oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }))
    .map((body) => ({ kind: "not an object", body, names: "expected object" }));

const malformed: fc.Arbitrary<Malformed> = fc.oneof(
    wrongType,
    missing,
    huge,
    invalidPhone,
    invalidEmail,
    wrongLeadType,
    notAnObject,
);

const SEED = Number(process.env.E2E_SEED ?? Date.now() % 1_000_000);

describe("malformed create bodies", () => {
    it(`get 400 naming the problem and store nothing (200 generated bodies, seed ${SEED})`, async () => {
        const cases = fc.sample(malformed, { numRuns: 200, seed: SEED });
        const outcomes: { kind: string; names: string; status: number; message: string; stored: boolean }[] = [];
        for (let i = 0; i < cases.length; i += 25) {
            const batch = cases.slice(i, i + 25).map(async ({ kind, body, names }) => {
                const id = crypto.randomUUID();
                const res = await call<{ message?: string }>(`/Lead/${id}/create`, { body: JSON.stringify(body) });
                const stored = (await leadItem(id)) !== undefined;
                outcomes.push({ kind, names, status: res.status, message: res.body?.message ?? res.text, stored });
            });
            await Promise.all(batch);
        }
        const wrong = outcomes.filter(
            (o) =>
                o.status !== 400 ||
                o.stored ||
                !o.message.startsWith("Request could not be parsed - ") ||
                !o.message.includes(o.names === "expected object" ? o.names : `${o.names}:`),
        );
        expect(wrong.map((o) => ({ ...o, message: o.message.slice(0, 300) }))).toEqual([]);
        expect(new Set(outcomes.map((o) => o.kind)).size).toBe(7);
    });
});
