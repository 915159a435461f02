import { formatIssues } from "common";
import { FaultRequest, Faults } from "./core/faults";
import { Recorder } from "./core/recorder";
import { json, Router } from "./core/router";
import { registerDocs } from "./docs/routes";
import type { Seed } from "./seed";
import { registerSettingsRoutes } from "./settings/routes";
import { Settings, type SettingsPatch } from "./settings/settings";
import { registerVendors } from "./vendors";
import { StoreHoursOverrides } from "./vendors/nexus-hours";

export interface SandboxOptions {
    seed: Seed;
    /** This sandbox's own base URL (for links it hands out, e.g. Twilio paging URLs). */
    publicUrl: string;
    /** Where the Messaging Service posts inbound SMS (`TwilioWebhooks/onIncomingMessage` on Restate ingress). */
    inboundWebhookUrl?: string | undefined;
    /** Behaviour settings at start, over the documented defaults (see `SETTINGS.md`). */
    settings?: SettingsPatch | undefined;
}

/** What every vendor stand-in is given: the options, and the sandbox's one recorder, fault switch and settings. */
export interface VendorContext extends Omit<SandboxOptions, "settings"> {
    recorder: Recorder;
    faults: Faults;
    settings: Settings;
    /** Store hours a test set over the seed's; both Nexus APIs answer with them. */
    storeHours: StoreHoursOverrides;
}

export interface Sandbox {
    fetch: (req: Request) => Promise<Response>;
    recorder: Recorder;
    faults: Faults;
    settings: Settings;
    /** Stops background work (timers, pending webhook deliveries). */
    close: () => void;
}

/** Builds the sandbox: its own `/__sandbox/*` control endpoints plus every vendor stand-in. */
export function createSandbox(options: SandboxOptions): Sandbox {
    const recorder = new Recorder();
    const faults = new Faults();
    const settings = new Settings(options.settings);
    const router = new Router(recorder, faults);

    router.add("GET", "/health", undefined, () => json({ status: "ok" }));
    router.add("GET", "/__sandbox/seed", undefined, () => json(options.seed));
    router.add("GET", "/__sandbox/calls", undefined, ({ url }) => {
        const since = url.searchParams.get("since");
        return json(
            recorder.list({
                service: url.searchParams.get("service") ?? undefined,
                since: since ? Number(since) : undefined,
            }),
        );
    });
    router.add("DELETE", "/__sandbox/calls", undefined, () => {
        recorder.clear();
        return new Response(null, { status: 204 });
    });
    router.add("GET", "/__sandbox/faults", undefined, () => json(faults.list()));
    router.add("POST", "/__sandbox/faults", undefined, ({ body }) => {
        const parsed = FaultRequest.safeParse(body);
        if (!parsed.success) return json({ code: 400, message: formatIssues(parsed.error) }, 400);
        faults.set(parsed.data);
        return json(parsed.data, 201);
    });
    router.add("DELETE", "/__sandbox/faults", undefined, ({ url }) => {
        faults.clear(url.searchParams.get("service") ?? undefined);
        return new Response(null, { status: 204 });
    });
    registerSettingsRoutes(router, settings);

    registerDocs(router);
    const closers = registerVendors(router, {
        seed: options.seed,
        publicUrl: options.publicUrl,
        inboundWebhookUrl: options.inboundWebhookUrl,
        recorder,
        faults,
        settings,
        storeHours: new StoreHoursOverrides(),
    });
    return {
        fetch: (req) => router.handle(req),
        recorder,
        faults,
        settings,
        close: () => {
            for (const close of closers) close();
        },
    };
}
