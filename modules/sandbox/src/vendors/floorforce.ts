import { z } from "zod";
import { json } from "../core/router";
import type { VendorRegistration } from "./index";

/** Form fields as the router parses them (a repeated key becomes a list). */
const FormFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * FloorForce stand-in under `/floorforce`: `POST /external/postactonformdata` takes a url-encoded ActOn form
 * and answers 200 when it has a first and last name (400 otherwise). No auth. Calls are recorded as `floorforce`.
 */
export const registerFloorForce: VendorRegistration = (router) => {
    router.add("POST", "/floorforce/external/postactonformdata", "floorforce", ({ req, body }) => {
        const type = req.headers.get("content-type") ?? "";
        if (!type.includes("application/x-www-form-urlencoded")) {
            return json({ success: false, message: "Expected a form-urlencoded body" }, 415);
        }
        const form = FormFields.safeParse(body ?? {});
        const fields = form.success ? form.data : {};
        const missing = ["First Name", "Last Name"].filter((name) => !fields[name]);
        if (missing.length > 0) return json({ success: false, message: `Missing ${missing.join(", ")}` }, 400);
        return json({ success: true, message: "Form received" });
    });
    return undefined;
};
