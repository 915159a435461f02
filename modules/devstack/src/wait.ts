/** Polls `probe` until it returns true or the deadline passes; the error names what was awaited. */
export async function waitUntil(
    what: string,
    probe: () => Promise<boolean>,
    timeoutMs = 30_000,
    everyMs = 100,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
        try {
            if (await probe()) return;
        } catch (error) {
            lastError = error;
        }
        await Bun.sleep(everyMs);
    }
    const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

/** True when GET url answers with a 2xx status. */
export async function httpOk(url: string): Promise<boolean> {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
}
