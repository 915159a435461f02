import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "common";
import { HEALTH_PATH, type HealthResponse, SESSIONS_PATH, SessionRequestSchema } from "common/twilio-proxy";
import { ProxyError, twilioFailure } from "./errors";
import { type BasicCredentials, isAuthorized } from "./http/basic-auth";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "./http/body";
import { parseOrBadRequest } from "./http/validation";
import { ProxyReservations } from "./pool/choose-proxy";
import type { PoolSnapshot } from "./pool/pool-snapshot";
import { createSession, type SessionDeps } from "./sessions/create-session";
import { KeyedLock } from "./sessions/keyed-lock";
import type { TwilioApi } from "./twilio/api";
import { ConversationsGateway } from "./twilio/conversations";
import { TwilioCallError } from "./twilio/errors";

/** What the HTTP app needs; tests pass a fake Twilio and a pool built from a list. */
export interface AppDeps {
    twilio: TwilioApi;
    /** The loaded pool (a `NumberPool`, or anything with the current snapshot and its size). */
    pool: { current(): PoolSnapshot; readonly size: number };
    auth: BasicCredentials;
    logger: Logger;
    /** Messaging Service for conversations whose request names none (the pool's service). */
    messagingServiceSid?: string | undefined;
    maxBodyBytes?: number | undefined;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(payload),
        "Cache-Control": "no-store",
        ...headers,
    });
    res.end(payload);
}

const unauthorized = () =>
    new ProxyError(
        401,
        "unauthorized",
        "Valid HTTP Basic credentials are required",
        {},
        {
            "WWW-Authenticate": 'Basic realm="twilio-proxy", charset="UTF-8"',
        },
    );

/** Builds the request handler: `GET /health`, `POST /sessions`, JSON errors for everything else. */
export function createApp(deps: AppDeps): RequestHandler {
    const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const sessions: SessionDeps = {
        conversations: new ConversationsGateway(deps.twilio),
        pool: deps.pool,
        reservations: new ProxyReservations(),
        uniqueNames: new KeyedLock(),
        logger: deps.logger,
        messagingServiceSid: deps.messagingServiceSid,
    };

    async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
        if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
            const body: HealthResponse = { status: "ok", poolSize: deps.pool.size };
            return sendJson(res, 200, body);
        }
        if (path === SESSIONS_PATH) {
            if (req.method !== "POST") {
                throw new ProxyError(
                    405,
                    "method_not_allowed",
                    `${SESSIONS_PATH} only accepts POST`,
                    {},
                    { Allow: "POST" },
                );
            }
            if (!isAuthorized(req.headers.authorization, deps.auth)) throw unauthorized();
            const request = parseOrBadRequest(SessionRequestSchema, await readJsonBody(req, maxBodyBytes));
            return sendJson(res, 200, await createSession(sessions, request));
        }
        throw new ProxyError(404, "not_found", `No route for ${req.method} ${path}`);
    }

    function fail(req: IncomingMessage, res: ServerResponse, error: unknown, log: Logger): void {
        const known = error instanceof ProxyError || error instanceof TwilioCallError;
        const answer = known
            ? twilioFailure(error)
            : new ProxyError(500, "internal_error", "The proxy failed unexpectedly; see its logs");
        if (answer.status >= 500) log.error("Request failed", { status: answer.status, error });
        const headers = { ...answer.headers };
        // Stop reading an unread body (413, 401…): close the connection once the answer is out.
        if (!req.complete) {
            headers.Connection = "close";
            req.resume();
        }
        if (res.headersSent) res.destroy();
        else sendJson(res, answer.status, answer.toBody(), headers);
    }

    return (req, res) => {
        const started = performance.now();
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        const log = deps.logger.child({ requestId: req.headers["x-request-id"] ?? randomUUID() });
        res.on("finish", () => {
            const fields = {
                method: req.method,
                path,
                status: res.statusCode,
                ms: Math.round(performance.now() - started),
            };
            if (path === HEALTH_PATH && res.statusCode === 200) log.debug("HTTP request", fields);
            else log.info("HTTP request", fields);
        });
        route(req, res, path).catch((error: unknown) => fail(req, res, error, log));
    };
}

/** An `http.Server` serving {@link createApp}; call `listen` on it (port 0 in tests). */
export function createServer(deps: AppDeps): http.Server {
    return http.createServer(createApp(deps));
}
