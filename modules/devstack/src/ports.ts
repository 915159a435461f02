import net from "node:net";

/** An unused TCP port on 127.0.0.1, so test and bench stacks run beside a dev stack. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() =>
                typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
            );
        });
    });
}

/**
 * Hands out free ports for one stack, never the same one twice: `freePort` releases each port before its part
 * binds it, so the system can offer it again to the next call (a cluster's stack asks for thirteen).
 */
export class PortPicker {
    private readonly taken: Set<number>;

    /** `reserved`: ports given by the caller, never handed out; `source`: where free ports come from. */
    constructor(
        reserved: Iterable<number> = [],
        private readonly source: () => Promise<number> = freePort,
    ) {
        this.taken = new Set(reserved);
    }

    /** `given` when set (kept as is), else a free port not handed out before. */
    async pick(given?: number): Promise<number> {
        if (given !== undefined) return given;
        for (;;) {
            const port = await this.source();
            if (!this.taken.has(port)) {
                this.taken.add(port);
                return port;
            }
        }
    }
}

/** True when something already listens on the port (used to refuse to start a second dev stack). */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ port, host });
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}
