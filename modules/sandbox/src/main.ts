import { loadConfigOrExit } from "common";
import { createSandbox } from "./app";
import { SandboxConfig, settingsFromEnv } from "./config";
import { seed } from "./seed";

const config = loadConfigOrExit("sandbox", SandboxConfig);
const sandbox = createSandbox({
    seed,
    publicUrl: config.SANDBOX_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    inboundWebhookUrl: config.SANDBOX_INBOUND_WEBHOOK_URL,
    settings: settingsFromEnv(config),
});
const server = Bun.serve({ port: config.PORT, hostname: config.HOST, fetch: sandbox.fetch, idleTimeout: 255 });
process.stdout.write(`sandbox listening on http://${server.hostname}:${server.port}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
        sandbox.close();
        server.stop(true);
        process.exit(0);
    });
}
