/**
 * Headless Chromium for the page tests (Debian's `/usr/bin/chromium`, driven by playwright-core, which
 * downloads no browser). Tests skip, saying why, where it is absent.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** A describe title that says when and why the block is skipped. */
export const browserTitle = (title: string) =>
    hasChromium ? title : `${title} — SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium)`;

export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    });
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Lets the page reach only this machine: every request to another host is aborted and its URL kept, and
 * every request made is listed, so a test can show the page needs nothing from outside.
 */
export async function localOnly(page: Page): Promise<{ requested: string[]; outside: string[] }> {
    const seen = { requested: [] as string[], outside: [] as string[] };
    await page.route("**/*", (route) => {
        const url = route.request().url();
        const { protocol, hostname } = new URL(url);
        if (protocol === "data:" || LOCAL_HOSTS.has(hostname)) {
            seen.requested.push(url);
            return route.continue();
        }
        seen.outside.push(url);
        return route.abort("blockedbyclient");
    });
    return seen;
}
