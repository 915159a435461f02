import { Logger, loadConfigOrExit } from "common";
import { ProxyConfig } from "./config";
import { messagingServicePool, NumberPool } from "./pool/number-pool";
import { createServer } from "./server";
import { createProxyTwilioClient } from "./twilio/client";

/** Start-up: config → Twilio client → pool loaded (or exit) → HTTP server; pool refreshed on a timer. */
async function main(): Promise<void> {
    const config = loadConfigOrExit("twilio-proxy", ProxyConfig);
    const logger = new Logger({
        format: config.LOG_FORMAT,
        level: config.LOG_LEVEL,
        base: { service: "twilio-proxy" },
    });
    const twilio = createProxyTwilioClient({
        accountSid: config.TWILIO_ACCOUNT_SID,
        authToken: config.TWILIO_AUTH_TOKEN,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
    });
    const pool = new NumberPool({
        source: messagingServicePool(twilio, config.TWILIO_MESSAGING_SERVICE_SID),
        logger,
        refreshSeconds: config.POOL_REFRESH_SECONDS,
    });
    try {
        await pool.load();
    } catch (error) {
        logger.error("Cannot start: the number pool could not be loaded from the Messaging Service", {
            messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
            error,
        });
        process.exit(1);
    }
    pool.startRefreshing();

    const server = createServer({
        twilio,
        pool,
        auth: { username: config.AUTH_USERNAME, password: config.AUTH_PASSWORD },
        logger,
        messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
    });
    server.listen(config.PORT, config.HOST, () => {
        logger.info("Twilio proxy listening", { host: config.HOST, port: config.PORT, poolSize: pool.size });
    });

    const shutdown = (signal: string) => {
        logger.info("Shutting down", { signal });
        pool.stop();
        server.close(() => process.exit(0));
        setTimeout(() => process.exit(0), 5_000).unref();
    };
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();
