export { ProxyConfig } from "./config";
export { ProxyError } from "./errors";
export { ProxyReservations } from "./pool/choose-proxy";
export { AREA_CODES, distanceKm } from "./pool/geo";
export { messagingServicePool, NumberPool, type PoolSource } from "./pool/number-pool";
export { PoolSnapshot } from "./pool/pool-snapshot";
export { type AppDeps, createApp, createServer, type RequestHandler } from "./server";
export type { TwilioApi } from "./twilio/api";
export { createProxyTwilioClient, RATE_LIMIT_RETRIES } from "./twilio/client";
