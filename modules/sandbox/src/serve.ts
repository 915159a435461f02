import { createSandbox, type Sandbox, type SandboxOptions } from "./app";

export interface ServeOptions extends Omit<SandboxOptions, "publicUrl"> {
    /** Default 0: a free port. */
    port?: number;
    hostname?: string;
    /** Default `http://<hostname>:<bound port>`. */
    publicUrl?: string | undefined;
}

export interface ServedSandbox {
    sandbox: Sandbox;
    /** Where it listens: `http://<hostname>:<port>`. */
    base: string;
    stop(): void;
}

/**
 * Serves a sandbox over HTTP (the sandbox process, and tests that need a real port). The port is bound first,
 * so a sandbox on a free port still knows its own public URL.
 */
export function serveSandbox(options: ServeOptions): ServedSandbox {
    const { port = 0, hostname = "127.0.0.1", publicUrl, ...sandboxOptions } = options;
    let sandbox: Sandbox | undefined;
    const server = Bun.serve({
        port,
        hostname,
        idleTimeout: 255,
        fetch: (req) => sandbox?.fetch(req) ?? new Response("starting", { status: 503 }),
    });
    const base = `http://${hostname}:${server.port}`;
    const served = createSandbox({ ...sandboxOptions, publicUrl: publicUrl ?? base });
    sandbox = served;
    return {
        sandbox: served,
        base,
        stop: () => {
            served.close();
            server.stop(true);
        },
    };
}
