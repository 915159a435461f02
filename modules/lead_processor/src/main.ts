import "common/restate/polyfill";
import http2 from "node:http2";
import { loadConfigOrExit } from "common";
import { LeadProcessorConfig } from "./config";
import { buildDeps } from "./deps";
import { createHandler } from "./endpoint";

const config = loadConfigOrExit("lead-processor", LeadProcessorConfig);
const deps = buildDeps(config);
const server = http2.createServer(createHandler(deps));

server.listen(config.PORT, config.HOST, () => {
    deps.logger.info("Lead processor listening", { port: config.PORT, host: config.HOST });
});

function shutdown(signal: string) {
    deps.logger.info("Shutting down", { signal });
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
