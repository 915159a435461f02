import type { Logger } from "common";
import type { TwilioApi } from "../twilio/api";
import { PoolSnapshot } from "./pool-snapshot";

/** Reads the current pool numbers from wherever they live. */
export type PoolSource = () => Promise<string[]>;

/** The pool source of production: the numbers attached to one Messaging Service (all pages). */
export function messagingServicePool(twilio: TwilioApi, serviceSid: string): PoolSource {
    return async () => {
        const numbers = await twilio.messaging.v1.services(serviceSid).phoneNumbers.list();
        return numbers.map((entry) => entry.phoneNumber);
    };
}

export interface NumberPoolOptions {
    source: PoolSource;
    logger: Logger;
    /** Seconds between refreshes. */
    refreshSeconds: number;
}

/**
 * Holds the current pool snapshot: loaded once before the server starts (failing loudly), then
 * refreshed on a timer. A failed or empty refresh keeps the previous snapshot and logs a warning.
 */
export class NumberPool {
    private snapshot: PoolSnapshot | undefined;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private stopped = false;

    constructor(private readonly options: NumberPoolOptions) {}

    /** Loads the pool; throws when it cannot be read or holds no usable number. */
    async load(): Promise<PoolSnapshot> {
        const numbers = await this.options.source();
        const { pool, rejected } = PoolSnapshot.build(numbers);
        if (rejected.length > 0) {
            this.options.logger.warn("Ignoring pool numbers that are not valid phone numbers", { rejected });
        }
        if (pool.size === 0) throw new Error(`the number pool is empty (${numbers.length} numbers read, none usable)`);
        const previous = this.snapshot;
        this.snapshot = pool;
        this.options.logger.info("Number pool loaded", {
            poolSize: pool.size,
            ...(previous ? { previousSize: previous.size } : {}),
        });
        return pool;
    }

    /** The current snapshot; throws if {@link load} never succeeded. */
    current(): PoolSnapshot {
        if (!this.snapshot) throw new Error("The number pool has not been loaded yet");
        return this.snapshot;
    }

    get size(): number {
        return this.snapshot?.size ?? 0;
    }

    /** Reloads once; on failure keeps the old snapshot, logs a warning and returns false. */
    async refresh(): Promise<boolean> {
        try {
            await this.load();
            return true;
        } catch (error) {
            this.options.logger.warn("Number pool refresh failed; keeping the previous pool", {
                error,
                poolSize: this.size,
            });
            return false;
        }
    }

    /** Refreshes every `refreshSeconds` until {@link stop}; the timer does not keep the process alive. */
    startRefreshing(): void {
        this.stopped = false;
        const schedule = () => {
            this.timer = setTimeout(async () => {
                await this.refresh();
                if (!this.stopped) schedule();
            }, this.options.refreshSeconds * 1000);
            this.timer.unref?.();
        };
        schedule();
    }

    stop(): void {
        this.stopped = true;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }
}
