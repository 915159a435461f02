import type { AddressInfo } from "node:net";
import { Logger } from "common";
import { messagingServicePool, NumberPool } from "../src/pool/number-pool";
import { type AppDeps, createServer } from "../src/server";
import { FakeTwilio, MESSAGING_SERVICE_SID } from "./fake-twilio";

export const AUTH = { username: "lead-processor", password: "correct horse battery staple" };

/** A small pool over four areas: New York (212/646/917), New Jersey (201), San Francisco (415), Toronto (416/647). */
export const POOL = [
    "+12125550101",
    "+12125550102",
    "+12125550103",
    "+12125550104",
    "+16465550101",
    "+19175550101",
    "+12015550101",
    "+14155550101",
    "+14155550102",
    "+14165550101",
    "+14165550102",
    "+16475550101",
];

export function captureLogger(): { logger: Logger; lines: string[] } {
    const lines: string[] = [];
    return { logger: new Logger({ format: "json", level: "debug", sink: (line) => lines.push(line) }), lines };
}

export interface TestProxy {
    url: string;
    fake: FakeTwilio;
    pool: NumberPool;
    lines: string[];
    /** `POST /sessions` with the right credentials unless others are given. */
    post(body: unknown, init?: { auth?: string | null; headers?: Record<string, string> }): Promise<Response>;
    close(): Promise<void>;
}

export function basic(username: string, password: string): string {
    return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** Starts the proxy on a free port against `fake` (a new fake over {@link POOL} by default). */
export async function startProxy(
    options: { fake?: FakeTwilio; maxBodyBytes?: number; pool?: AppDeps["pool"] } = {},
): Promise<TestProxy> {
    const fake = options.fake ?? new FakeTwilio([...POOL]);
    const { logger, lines } = captureLogger();
    const pool = new NumberPool({
        source: messagingServicePool(fake, MESSAGING_SERVICE_SID),
        logger,
        refreshSeconds: 300,
    });
    await pool.load();
    const server = createServer({
        twilio: fake,
        pool: options.pool ?? pool,
        auth: AUTH,
        logger,
        messagingServiceSid: MESSAGING_SERVICE_SID,
        maxBodyBytes: options.maxBodyBytes,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    return {
        url,
        fake,
        pool,
        lines,
        post: (body, init = {}) => {
            const auth = init.auth === undefined ? basic(AUTH.username, AUTH.password) : init.auth;
            return fetch(`${url}/sessions`, {
                method: "POST",
                headers: {
                    "Content-Type": "application/json",
                    ...(auth === null ? {} : { Authorization: auth }),
                    ...init.headers,
                },
                body: typeof body === "string" ? body : JSON.stringify(body),
            });
        },
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.closeAllConnections();
                server.close((error) => (error ? reject(error) : resolve()));
            }),
    };
}
