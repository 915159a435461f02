import { z } from "zod";
import { json } from "../core/router";
import { IdempotentAnswers, idempotencyKeyOf } from "./idempotency";
import type { VendorRegistration } from "./index";

/** Form fields as the router parses them (a repeated key becomes a list). */
const FormFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormFields = z.output<typeof FormFields>;

/** A form FloorForce accepted: every accepted post is one lead on FloorForce's side. */
interface StoredForm {
    id: number;
    fields: FormFields;
    idempotencyKey: string | undefined;
    receivedAt: string;
}

/**
 * FloorForce stand-in under `/floorforce`: `POST /external/postactonformdata` takes a url-encoded ActOn form
 * and answers 200 when it has a first and last name (400 otherwise). No auth. Every post is
 * one more form, as at FloorForce; only with `vendorIdempotency` on do posts honour `Idempotency-Key`. Calls are recorded as `floorforce`;
 * `GET /__sandbox/floorforce/records` lists the accepted forms with their keys and replay counts.
 */
export const registerFloorForce: VendorRegistration = (router, { settings }) => {
    const forms: StoredForm[] = [];
    const idempotent = new IdempotentAnswers(settings);

    const postForm = (req: Request, body: unknown): Response => {
        const type = req.headers.get("content-type") ?? "";
        if (!type.includes("application/x-www-form-urlencoded")) {
            return json({ success: false, message: "Expected a form-urlencoded body" }, 415);
        }
        const form = FormFields.safeParse(body ?? {});
        const fields = form.success ? form.data : {};
        const missing = ["First Name", "Last Name"].filter((name) => !fields[name]);
        if (missing.length > 0) return json({ success: false, message: `Missing ${missing.join(", ")}` }, 400);
        forms.push({
            id: forms.length + 1,
            fields,
            idempotencyKey: idempotencyKeyOf(req),
            receivedAt: new Date().toISOString(),
        });
        return json({ success: true, message: "Form received" });
    };

    router.add("POST", "/floorforce/external/postactonformdata", "floorforce", ({ req, body }) =>
        idempotent.handle(req, () => postForm(req, body)),
    );

    router.add("GET", "/__sandbox/floorforce/records", undefined, () =>
        json(forms.map((form) => ({ ...form, replays: idempotent.replays(form.idempotencyKey) }))),
    );
    return undefined;
};
