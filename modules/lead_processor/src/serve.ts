import http2 from "node:http2";
import type * as restate from "@restatedev/restate-sdk";
import { loadConfigOrExit } from "common";
import { LeadProcessorConfig } from "./config";
import { ensureLocalTables } from "./db/local-tables";
import { buildDeps } from "./deps";
import { createHandler } from "./endpoint";

/**
 * Loads the configuration (exiting with the list of bad settings), builds the deps once, creates the tables of a
 * configured local DynamoDB, and serves the Restate endpoint over HTTP/2 until SIGTERM/SIGINT. `extra` services
 * run in the same process (the bench's floor object); the product entry passes none.
 */
export function serve(extra: restate.ServiceDefinition<string, unknown>[] = [], name = "Lead processor"): void {
    const config = loadConfigOrExit("lead-processor", LeadProcessorConfig);
    const deps = buildDeps(config);
    if (config.internalTokenDerived) {
        deps.logger.info(
            "INTERNAL_API_TOKEN is not set: internal calls use the credential derived from TWILIO_AUTH_TOKEN",
        );
    }
    const server = http2.createServer(createHandler(deps, extra));

    const local = { region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT, tablePrefix: config.TABLE_PREFIX };
    ensureLocalTables(local, deps.logger).then(
        () =>
            server.listen(config.PORT, config.HOST, () => {
                deps.logger.info(`${name} listening`, { port: config.PORT, host: config.HOST });
                deps.auth.warmUp();
            }),
        (error: unknown) => {
            deps.logger.error("Cannot create the tables of the local DynamoDB", { endpoint: local.endpoint, error });
            process.exit(1);
        },
    );

    const shutdown = (signal: string) => {
        deps.logger.info("Shutting down", { signal });
        server.close(() => process.exit(0));
        setTimeout(() => process.exit(0), 5_000).unref();
    };
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
}
