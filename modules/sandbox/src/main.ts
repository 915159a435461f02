import { loadConfigOrExit } from "common";
import { SandboxConfig, settingsFromEnv } from "./config";
import { seed } from "./seed";
import { serveSandbox } from "./serve";

const config = loadConfigOrExit("sandbox", SandboxConfig);
const { base, stop } = serveSandbox({
    seed,
    port: config.PORT,
    hostname: config.HOST,
    publicUrl: config.SANDBOX_PUBLIC_URL,
    inboundWebhookUrl: config.SANDBOX_INBOUND_WEBHOOK_URL,
    settings: settingsFromEnv(config),
});
process.stdout.write(`sandbox listening on ${base}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
        stop();
        process.exit(0);
    });
}
