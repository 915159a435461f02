import { z } from "zod";
import { json } from "../core/router";
import type { VendorRegistration } from "./index";

/** Credentials and table the local stack gives the lead processor. */
export const BOTPRESS = {
    token: "sandbox-botpress-token",
    botId: "sandbox-bot",
    workspaceId: "sandbox-workspace",
    table: "Int_Connor_Conversations_Table",
} as const;

/** A chatbot conversation row as `POST /__sandbox/botpress/rows` takes it; omitted fields get defaults. */
const NewRow = z.object({
    conversationId: z.string().min(1),
    summary: z.string().nullable().default("The customer asked the chatbot about flooring."),
    topics: z.array(z.string()).nullable().default(null),
    sentiment: z.enum(["positive", "negative", "neutral"]).default("neutral"),
    transcript: z.array(z.object({ sender: z.string(), preview: z.string() })).default([]),
    escalations: z.number().int().min(0).default(0),
    resolved: z.boolean().default(true),
});
type NewRow = z.input<typeof NewRow>;

const FindBody = z.object({
    filter: z.object({ conversationId: z.object({ $eq: z.string() }) }).optional(),
    limit: z.number().int().positive().optional(),
});

/** Rows present at start: one with topics, one without (the "No topics detected" case). */
const SEEDED_ROWS: NewRow[] = [
    {
        conversationId: "bp-demo-1",
        summary:
            "Customer wants waterproof luxury vinyl for a basement of about 600 sq ft and asked about installation.",
        topics: ["luxury vinyl", "installation", "basement"],
        sentiment: "positive",
        transcript: [
            { sender: "user", preview: "Do you have waterproof floors for a basement?" },
            { sender: "bot", preview: "Yes! Luxury vinyl plank is a great fit." },
        ],
    },
    {
        conversationId: "bp-demo-2",
        summary: "Customer asked for store hours and left their number.",
        topics: null,
        transcript: [{ sender: "user", preview: "When are you open?" }],
    },
];

/**
 * Botpress Tables stand-in under `/botpress`: `POST /v1/tables/{table}/rows/find` filtered by
 * `conversationId`, behind the bot id, workspace id and bearer token; calls are recorded as `botpress`.
 * `POST /__sandbox/botpress/rows` adds a summary row (tests, demos).
 */
export const registerBotpress: VendorRegistration = (router) => {
    const rows: Record<string, unknown>[] = [];
    let nextId = 1;
    const addRow = (input: NewRow) => {
        const row = NewRow.parse(input);
        const now = new Date().toISOString();
        const stored = { id: nextId++, createdAt: now, updatedAt: now, ...row, computed: {} };
        rows.push(stored);
        return stored;
    };
    for (const row of SEEDED_ROWS) addRow(row);

    router.add("POST", "/botpress/v1/tables/:table/rows/find", "botpress", ({ req, params, body }) => {
        const h = req.headers;
        if (
            h.get("authorization") !== `Bearer ${BOTPRESS.token}` ||
            h.get("x-bot-id") !== BOTPRESS.botId ||
            h.get("x-workspace-id") !== BOTPRESS.workspaceId
        ) {
            return json({ code: 401, type: "Unauthorized", message: "Invalid token, bot or workspace" }, 401);
        }
        if (params.table !== BOTPRESS.table) {
            return json({ code: 404, type: "ResourceNotFound", message: `Table '${params.table}' not found` }, 404);
        }
        const parsed = FindBody.safeParse(body ?? {});
        if (!parsed.success) return json({ code: 400, type: "InvalidPayload", message: parsed.error.message }, 400);
        const wanted = parsed.data.filter?.conversationId.$eq;
        const limit = parsed.data.limit ?? 50;
        const found = rows.filter((r) => wanted === undefined || r.conversationId === wanted);
        return json({ rows: found.slice(0, limit), hasMore: found.length > limit, offset: 0, limit });
    });

    router.add("POST", "/__sandbox/botpress/rows", undefined, ({ body }) => {
        const parsed = NewRow.safeParse(body);
        if (!parsed.success) return json({ code: 400, message: parsed.error.message }, 400);
        return json(addRow(parsed.data), 201);
    });
    return undefined;
};
