/**
 * Choosing a participant's proxy number: walk the pool's candidates for that participant, best first,
 * skipping numbers the participant already uses in a non-closed conversation (busy), numbers another
 * request in this process is assigning to the same participant right now (reserved), and numbers Twilio
 * already refused for this participant in this request (error 50416).
 */

/**
 * In-process claims on (participant address, proxy number) pairs while a request assigns them, so two
 * concurrent sessions for the same participant diverge instead of colliding. Across processes Twilio's
 * 50416 answer does the same job, more slowly.
 */
export class ProxyReservations {
    private readonly held = new Map<string, Set<string>>();

    /** Claims the pair; false when another request holds it. */
    tryReserve(address: string, proxy: string): boolean {
        const proxies = this.held.get(address) ?? new Set<string>();
        if (proxies.has(proxy)) return false;
        proxies.add(proxy);
        this.held.set(address, proxies);
        return true;
    }

    release(address: string, proxy: string): void {
        const proxies = this.held.get(address);
        if (!proxies) return;
        proxies.delete(proxy);
        if (proxies.size === 0) this.held.delete(address);
    }

    isReserved(address: string, proxy: string): boolean {
        return this.held.get(address)?.has(proxy) ?? false;
    }

    /** Number of participants with a claim in progress (for tests and diagnostics). */
    get activeAddresses(): number {
        return this.held.size;
    }
}

/** The candidates a participant may be given: the pool's order minus the numbers it already uses. */
export function freeCandidates(ordered: readonly string[], busy: ReadonlySet<string>): string[] {
    return ordered.filter((proxy) => !busy.has(proxy));
}

/**
 * Hands out one participant's proxy numbers in order, claiming each in `reservations`. Every claim is
 * kept until {@link releaseAll}, so a number Twilio refused is not offered to a concurrent request either.
 */
export class ProxyPicker {
    private next = 0;
    private readonly claimed: string[] = [];

    constructor(
        readonly address: string,
        private readonly candidates: readonly string[],
        private readonly reservations: ProxyReservations,
    ) {}

    /** The best candidate not yet tried and not claimed by another request; undefined when none is left. */
    take(): string | undefined {
        while (this.next < this.candidates.length) {
            const proxy = this.candidates[this.next++];
            if (proxy !== undefined && this.reservations.tryReserve(this.address, proxy)) {
                this.claimed.push(proxy);
                return proxy;
            }
        }
        return undefined;
    }

    releaseAll(): void {
        for (const proxy of this.claimed.splice(0)) this.reservations.release(this.address, proxy);
    }
}
