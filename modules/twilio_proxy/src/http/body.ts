import type { IncomingMessage } from "node:http";
import { ProxyError } from "../errors";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function tooLarge(limit: number): ProxyError {
    return new ProxyError(413, "payload_too_large", `The request body must be at most ${limit} bytes`);
}

/** Reads the body as text, refusing (413) as soon as it is known to exceed `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of req) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        total += buffer.length;
        if (total > limit) throw tooLarge(limit);
        chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
}

/** Reads and parses a JSON body: 415 when it is declared as something else, 400 when it is not JSON. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
    const contentType = req.headers["content-type"];
    if (contentType !== undefined && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
        throw new ProxyError(
            415,
            "unsupported_media_type",
            "The request body must be JSON (Content-Type: application/json)",
        );
    }
    const text = await readBody(req, limit);
    if (text.trim() === "")
        throw new ProxyError(400, "invalid_json", "The request body is empty; a JSON object is required");
    try {
        return JSON.parse(text);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ProxyError(400, "invalid_json", `The request body is not valid JSON: ${reason}`);
    }
}
