import { formatIssues } from "common";
import { json, type Router } from "../core/router";
import { describeSettings } from "./catalog";
import { type Settings, SettingsPatch } from "./settings";

/**
 * `GET /__sandbox/settings` (the current values), `PUT /__sandbox/settings` (merges a partial object; a bad
 * field is a 400 naming it and changes nothing), `DELETE /__sandbox/settings` (back to the values at start)
 * and `GET /__sandbox/settings/catalog` (each setting with its value, default and documentation).
 */
export function registerSettingsRoutes(router: Router, settings: Settings): void {
    router.add("GET", "/__sandbox/settings", undefined, () => json(settings.current));
    router.add("PUT", "/__sandbox/settings", undefined, ({ body }) => {
        const patch = SettingsPatch.safeParse(body);
        if (!patch.success) return json({ code: 400, message: formatIssues(patch.error) }, 400);
        return json(settings.update(patch.data));
    });
    router.add("DELETE", "/__sandbox/settings", undefined, () => json(settings.reset()));
    router.add("GET", "/__sandbox/settings/catalog", undefined, () => json(describeSettings(settings)));
}
