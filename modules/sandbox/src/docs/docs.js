// The API reference page: renders the OpenAPI document inlined in the page (#openapi) — operations grouped by
// tag with their parameters, request and response schemas, examples and security, then every schema. No
// outside requests: everything the page needs is in the page.

const spec = JSON.parse(document.getElementById("openapi").textContent);
const schemas = spec.components?.schemas ?? {};
const METHOD_ORDER = ["get", "post", "put", "patch", "delete"];
/** How many `$ref` levels a schema tree opens by itself (deeper ones are links): more for requests. */
const OPEN_REFS = { request: 2, response: 1 };

/** Builds an element; children that are null, undefined or false are skipped. */
function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Number.POSITIVE_INFINITY)) {
        if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
}

/** The little Markdown the document uses: paragraphs and `code`. */
function md(text, tag = "div") {
    const box = el(tag, { class: "md" });
    for (const paragraph of String(text ?? "").split(/\n\s*\n/)) {
        const p = el("p");
        String(paragraph)
            .split(/(`[^`]+`)/)
            .forEach((part, i) => {
                if (i % 2 === 1) p.append(el("code", {}, part.slice(1, -1)));
                else if (part) p.append(part);
            });
        box.append(p);
    }
    return box;
}

const refName = (ref) => ref.split("/").pop();
const schemaId = (name) => `schema-${name}`;
const opId = (op) => `op-${op.operationId}`;

function pretty(value) {
    return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** A form-encoded example as Twilio would post it. */
function formEncoded(value) {
    return new URLSearchParams(Object.entries(value).map(([k, v]) => [k, String(v)])).toString();
}

function typeLabel(schema) {
    if (!schema || typeof schema !== "object") return "any";
    if (schema.$ref) return refName(schema.$ref);
    if ("const" in schema) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (schema.oneOf || schema.anyOf) return (schema.oneOf ?? schema.anyOf).map(typeLabel).join(" | ");
    const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
    if (type === "array") return `array of ${typeLabel(schema.items)}`;
    if (type === "object" && !schema.properties && schema.additionalProperties) {
        return `map of ${typeLabel(schema.additionalProperties)}`;
    }
    return type ?? "any";
}

/** The type label; a `$ref` is a link to the schema. */
function typeView(schema) {
    if (schema?.$ref) {
        const name = refName(schema.$ref);
        return el("a", { class: "type", href: `#${schemaId(name)}` }, name);
    }
    return el("span", { class: "type" }, typeLabel(schema));
}

/** Whether a schema has structure worth opening (fields or variants), after following a `$ref`. */
function hasStructure(schema) {
    const target = schema?.$ref ? schemas[refName(schema.$ref)] : schema;
    return Boolean(target && (target.properties || target.oneOf || target.anyOf));
}

function constraints(schema) {
    if (!schema || typeof schema !== "object") return [];
    const out = [];
    const add = (label, value) => value !== undefined && out.push(`${label} ${value}`);
    add("format", schema.format);
    add("min length", schema.minLength);
    add("max length", schema.maxLength);
    add("minimum", schema.minimum);
    add("above", schema.exclusiveMinimum);
    add("maximum", schema.maximum === Number.MAX_SAFE_INTEGER ? undefined : schema.maximum);
    add("min entries", schema.minProperties);
    add("max entries", schema.maxProperties);
    add("pattern", schema.pattern && schema.pattern.length <= 60 ? schema.pattern : undefined);
    if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
    return out;
}

/** A component schema opened in place while `depth` is below `limit`, else a link to it. */
function refView(ref, depth, seen, limit) {
    const name = refName(ref);
    const link = el("a", { href: `#${schemaId(name)}` }, name);
    const target = schemas[name];
    if (!target || depth >= limit || seen.has(name)) return el("span", { class: "ref" }, link);
    const open = new Set(seen).add(name);
    return el(
        "details",
        { class: "ref", open: true },
        el("summary", {}, link),
        schemaView(target, depth + 1, open, limit),
    );
}

function propertyRow(name, schema, required, depth, seen, limit) {
    return el(
        "tr",
        {},
        el(
            "td",
            { class: "name" },
            el("code", {}, name),
            required ? el("span", { class: "req", title: "required" }, "*") : null,
        ),
        el(
            "td",
            {},
            typeView(schema),
            constraints(schema).map((c) => el("span", { class: "constraint" }, c)),
            schema?.description ? md(schema.description) : null,
            schemaChildren(schema, depth, seen, limit),
        ),
    );
}

/** What to show under a property: its fields or variants (a `$ref`'s while the depth allows). */
function schemaChildren(schema, depth, seen, limit) {
    if (!schema || typeof schema !== "object" || !hasStructure(schema)) {
        if (schema?.items && hasStructure(schema.items)) return schemaChildren(schema.items, depth, seen, limit);
        return null;
    }
    if (schema.$ref) {
        const name = refName(schema.$ref);
        if (depth >= limit || seen.has(name)) return null;
        return schemaView(schemas[name], depth + 1, new Set(seen).add(name), limit);
    }
    return schemaView(schema, depth, seen, limit);
}

/** A schema as a table of its properties, or a list of its variants. */
function schemaView(schema, depth = 0, seen = new Set(), limit = OPEN_REFS.response) {
    if (!schema || typeof schema !== "object") return el("p", { class: "muted" }, "any value");
    if (schema.$ref) return refView(schema.$ref, depth, seen, limit);
    const box = el("div", { class: "schema" });
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants) {
        box.append(el("p", { class: "muted" }, schema.oneOf ? "One of:" : "Any of:"));
        const list = el("ol", { class: "variants" });
        for (const variant of variants) {
            list.append(
                el(
                    "li",
                    {},
                    typeView(variant),
                    constraints(variant).map((c) => el("span", { class: "constraint" }, c)),
                    variant.description ? md(variant.description) : null,
                    schemaChildren(variant, depth, seen, limit),
                ),
            );
        }
        box.append(list);
    }
    if (schema.properties) {
        const required = new Set(schema.required ?? []);
        const rows = Object.entries(schema.properties).map(([name, prop]) =>
            propertyRow(name, prop, required.has(name), depth, seen, limit),
        );
        box.append(el("table", { class: "props" }, el("tbody", {}, rows)));
        const extra = schema.additionalProperties;
        if (extra && typeof extra === "object" && Object.keys(extra).length > 0) {
            box.append(el("p", { class: "muted small" }, `Other fields: ${typeLabel(extra)}.`));
        } else if (extra === undefined || (typeof extra === "object" && Object.keys(extra).length === 0)) {
            box.append(el("p", { class: "muted small" }, "Other fields are allowed."));
        }
    } else if (!variants) {
        box.append(
            el("p", {}, typeView(schema)),
            constraints(schema).map((c) => el("span", { class: "constraint" }, c)),
        );
    }
    return box;
}

function securityView(security) {
    const names = (security ?? []).flatMap((requirement) => Object.keys(requirement));
    if (names.length === 0) return el("span", { class: "muted" }, "none");
    return names.map((name, i) => [i > 0 ? " or " : "", el("a", { href: "#security" }, name)]);
}

function curlFor(path, op, example) {
    const server = spec.servers?.[0]?.url ?? "";
    const params = Object.fromEntries((op.parameters ?? []).map((p) => [p.name, p.example ?? `<${p.name}>`]));
    const url = server + path.replace(/\{(\w+)\}/g, (_, name) => params[name]);
    const contentType = Object.keys(op.requestBody?.content ?? {})[0];
    const lines = [`curl -sS -X ${op.method.toUpperCase()} '${url}'`];
    const names = (op.security ?? []).flatMap((r) => Object.keys(r));
    if (names.includes("ApiKey")) lines.push(`-H 'authorization: Bearer <API key>'`);
    if (names.includes("TwilioSignature")) lines.push(`-H 'x-twilio-signature: <signature>'`);
    if (example !== undefined && contentType) {
        lines.push(`-H 'content-type: ${contentType}'`);
        const body = contentType.includes("form") ? formEncoded(example) : JSON.stringify(example);
        lines.push(`--data '${body.replace(/'/g, "'\\''")}'`);
    }
    return lines.join(" \\\n     ");
}

function parametersView(op) {
    if (!op.parameters?.length) return null;
    const rows = op.parameters.map((p) =>
        el(
            "tr",
            {},
            el("td", { class: "name" }, el("code", {}, p.name), p.required ? el("span", { class: "req" }, "*") : null),
            el(
                "td",
                {},
                el("span", { class: "type" }, `${p.in} · ${typeLabel(p.schema)}`),
                p.description ? md(p.description) : null,
                p.example !== undefined
                    ? el("p", { class: "muted small" }, "Example: ", el("code", {}, pretty(p.example)))
                    : null,
            ),
        ),
    );
    return el("section", {}, el("h4", {}, "Parameters"), el("table", { class: "props" }, el("tbody", {}, rows)));
}

function requestView(path, op) {
    const body = op.requestBody;
    if (!body) return el("section", {}, el("h4", {}, "Request body"), el("p", { class: "muted" }, "None."));
    const parts = [el("h4", {}, "Request body", body.required ? "" : el("span", { class: "muted" }, " (optional)"))];
    for (const [contentType, media] of Object.entries(body.content ?? {})) {
        parts.push(el("p", {}, el("code", {}, contentType)), schemaView(media.schema, 0, new Set(), OPEN_REFS.request));
        for (const [name, example] of Object.entries(media.examples ?? {})) {
            const text = contentType.includes("form") ? formEncoded(example.value) : pretty(example.value);
            parts.push(
                el(
                    "details",
                    { class: "example" },
                    el("summary", {}, `Example “${name}”: ${example.summary ?? ""}`),
                    el("pre", {}, text),
                    el("p", { class: "muted small" }, "curl:"),
                    el("pre", {}, curlFor(path, op, example.value)),
                ),
            );
        }
    }
    return el("section", {}, parts);
}

function responsesView(op) {
    const rows = Object.entries(op.responses ?? {}).map(([status, response]) => {
        const media = Object.entries(response.content ?? {});
        return el(
            "div",
            { class: `response status-${status[0]}xx` },
            el("p", {}, el("span", { class: "status" }, status), " ", md(response.description, "span")),
            media.map(([contentType, m]) => [
                el("p", { class: "muted small" }, el("code", {}, contentType)),
                status.startsWith("2") ? schemaView(m.schema) : el("p", {}, typeView(m.schema)),
                m.example !== undefined ? el("pre", {}, pretty(m.example)) : null,
            ]),
            media.length === 0 ? el("p", { class: "muted small" }, "Empty body.") : null,
        );
    });
    return el("section", {}, el("h4", {}, "Responses"), rows);
}

function operationView(path, method, op) {
    op.method = method;
    const handler = op["x-restate-handler"];
    return el(
        "article",
        { class: "operation", id: opId(op) },
        el(
            "h3",
            {},
            el("span", { class: `method ${method}` }, method.toUpperCase()),
            " ",
            el("code", { class: "path" }, path),
        ),
        el("p", { class: "summary" }, op.summary ?? ""),
        op.description ? md(op.description) : null,
        el(
            "p",
            { class: "meta" },
            "Security: ",
            securityView(op.security),
            op["x-api-key-endpoint"] ? [" · API-key endpoint ", el("code", {}, op["x-api-key-endpoint"])] : null,
            handler
                ? [" · Restate handler ", el("code", {}, `${handler.service}/${handler.handler}`), ` (${handler.kind})`]
                : null,
        ),
        parametersView(op),
        requestView(path, op),
        responsesView(op),
    );
}

function headerView() {
    const schemes = Object.entries(spec.components?.securitySchemes ?? {});
    return [
        el(
            "h1",
            {},
            spec.info?.title ?? "API",
            " ",
            el("span", { class: "muted small" }, `v${spec.info?.version ?? "?"} · OpenAPI ${spec.openapi}`),
        ),
        md(spec.info?.description),
        el(
            "p",
            { class: "muted small" },
            "Servers: ",
            (spec.servers ?? []).map((s, i) => [i > 0 ? " · " : "", el("code", {}, s.url), ` ${s.description ?? ""}`]),
            " · ",
            el("a", { href: "/docs/openapi.json" }, "openapi.json"),
        ),
        el(
            "details",
            { id: "security" },
            el("summary", {}, "Security schemes"),
            el(
                "table",
                { class: "props" },
                el(
                    "tbody",
                    {},
                    schemes.map(([name, scheme]) =>
                        el(
                            "tr",
                            {},
                            el("td", { class: "name" }, el("code", {}, name)),
                            el(
                                "td",
                                {},
                                el(
                                    "span",
                                    { class: "type" },
                                    scheme.type === "http" ? `${scheme.scheme} token` : `${scheme.in} ${scheme.name}`,
                                ),
                                md(scheme.description),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ];
}

function render() {
    const byTag = new Map((spec.tags ?? []).map((t) => [t.name, { tag: t, ops: [] }]));
    for (const [path, item] of Object.entries(spec.paths ?? {})) {
        for (const method of METHOD_ORDER) {
            const op = item[method];
            if (!op) continue;
            const tag = op.tags?.[0] ?? "Other";
            if (!byTag.has(tag)) byTag.set(tag, { tag: { name: tag }, ops: [] });
            byTag.get(tag).ops.push([path, method, op]);
        }
    }
    document.getElementById("top").replaceChildren(...headerView().flat());
    const nav = [];
    const main = [];
    for (const { tag, ops } of byTag.values()) {
        nav.push(
            el("h2", {}, el("a", { href: `#tag-${tag.name}` }, tag.name)),
            el(
                "ul",
                {},
                ops.map(([path, method, op]) =>
                    el(
                        "li",
                        {},
                        el(
                            "a",
                            { href: `#${opId(op)}` },
                            el("span", { class: `method ${method}` }, method.toUpperCase()),
                            ` ${path}`,
                        ),
                    ),
                ),
            ),
        );
        main.push(
            el(
                "section",
                { class: "tag", id: `tag-${tag.name}` },
                el("h2", {}, tag.name),
                tag.description ? md(tag.description) : null,
            ),
            ops.map(([path, method, op]) => operationView(path, method, op)),
        );
    }
    nav.push(el("h2", {}, el("a", { href: "#schemas" }, "Schemas")));
    main.push(
        el(
            "section",
            { id: "schemas" },
            el("h2", {}, "Schemas"),
            Object.entries(schemas).map(([name, schema]) =>
                el(
                    "article",
                    { class: "component", id: schemaId(name) },
                    el("h3", {}, el("code", {}, name)),
                    schema.description ? md(schema.description) : null,
                    schemaView(schema, OPEN_REFS.response, new Set([name])),
                ),
            ),
        ),
    );
    document.getElementById("nav").replaceChildren(...nav.flat());
    document.getElementById("main").replaceChildren(...main.flat());
    document.body.dataset.rendered = "true";
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

render();
