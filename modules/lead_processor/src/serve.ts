import http2 from "node:http2";
import type * as restate from "@restatedev/restate-sdk";
import { loadConfigOrExit } from "common";
import { LeadProcessorConfig } from "./config";
import { buildDeps } from "./deps";
import { createHandler } from "./endpoint";

/**
 * Loads the configuration (exiting with the list of bad settings), builds the deps once and serves the
 * Restate endpoint over HTTP/2 until SIGTERM/SIGINT. `extra` services run in the same process (the bench's
 * floor object); the product entry passes none.
 */
export function serve(extra: restate.ServiceDefinition<string, unknown>[] = [], name = "Lead processor"): void {
    const config = loadConfigOrExit("lead-processor", LeadProcessorConfig);
    const deps = buildDeps(config);
    const server = http2.createServer(createHandler(deps, extra));

    server.listen(config.PORT, config.HOST, () => {
        deps.logger.info(`${name} listening`, { port: config.PORT, host: config.HOST });
    });

    const shutdown = (signal: string) => {
        deps.logger.info("Shutting down", { signal });
        server.close(() => process.exit(0));
        setTimeout(() => process.exit(0), 5_000).unref();
    };
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
}
