import { TerminalError } from "@restatedev/restate-sdk";

/** Caller errors become TerminalErrors whose code is the HTTP status Restate ingress returns. */
export const badRequest = (message: string) => new TerminalError(message, { errorCode: 400 });
export const unauthorized = (message: string) => new TerminalError(message, { errorCode: 401 });
export const forbidden = (message: string) => new TerminalError(message, { errorCode: 403 });
export const notFound = (message: string) => new TerminalError(message, { errorCode: 404 });
export const conflict = (message: string) => new TerminalError(message, { errorCode: 409 });
export const payloadTooLarge = (message: string) => new TerminalError(message, { errorCode: 413 });
export const serviceUnavailable = (message: string) => new TerminalError(message, { errorCode: 503 });
/**
 * 429 with `retryAfterSeconds` (and whatever else `metadata` holds) in the error's metadata: Restate ingress
 * answers it in the body (`{"code":429,"message":…,"metadata":{"retryAfterSeconds":"3"}}`); it cannot set a
 * `Retry-After` header.
 */
export const tooManyRequests = (message: string, retryAfterSeconds: number, metadata: Record<string, string> = {}) =>
    new TerminalError(message, {
        errorCode: 429,
        metadata: { ...metadata, retryAfterSeconds: String(retryAfterSeconds) },
    });
