// setTimeout fires at once for delays above 2^31-1 ms (~24.8 days), so longer waits are taken in steps.
const MAX_TIMEOUT = 2_147_483_647;

/**
 * The stand-in's background work (timers, delayed receipts, webhook retries): every pending callback is
 * tracked so `stop()` cancels all of it and nothing fires after the sandbox closes.
 */
export class Background {
    private readonly pending = new Set<ReturnType<typeof setTimeout>>();
    private readonly sleepers = new Set<() => void>();
    private readonly aborter = new AbortController();
    private stopped = false;

    /** Aborted on stop, so requests in flight end with the sandbox. */
    get signal(): AbortSignal {
        return this.aborter.signal;
    }

    get isStopped(): boolean {
        return this.stopped;
    }

    /** Runs `fn` at `at` (epoch ms); returns a cancel function. */
    at(at: number, fn: () => void): () => void {
        let handle: ReturnType<typeof setTimeout> | undefined;
        const arm = () => {
            if (this.stopped) return;
            const wait = Math.max(0, at - Date.now());
            handle = setTimeout(
                () => {
                    if (handle) this.pending.delete(handle);
                    if (this.stopped) return;
                    if (Date.now() < at) arm();
                    else fn();
                },
                Math.min(wait, MAX_TIMEOUT),
            );
            this.pending.add(handle);
        };
        arm();
        return () => {
            if (!handle) return;
            clearTimeout(handle);
            this.pending.delete(handle);
        };
    }

    /** Runs `fn` after `ms`. */
    after(ms: number, fn: () => void): () => void {
        return this.at(Date.now() + ms, fn);
    }

    /** Resolves after `ms`, or at once when stopped (callers check {@link isStopped} afterwards). */
    sleep(ms: number): Promise<void> {
        return new Promise((resolve) => {
            if (this.stopped) return resolve();
            const wake = () => {
                this.sleepers.delete(wake);
                resolve();
            };
            this.sleepers.add(wake);
            this.after(ms, wake);
        });
    }

    stop(): void {
        this.stopped = true;
        for (const handle of this.pending) clearTimeout(handle);
        this.pending.clear();
        for (const wake of [...this.sleepers]) wake();
        this.aborter.abort();
    }
}
