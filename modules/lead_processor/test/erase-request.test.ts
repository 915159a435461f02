import { describe, expect, it } from "vitest";
import { KNOWN_ENDPOINTS } from "../src/auth/endpoints";
import { ERASE_ENDPOINT, EraseRequest } from "../src/services/admin/erase-request";

describe("Admin/erase request", () => {
    it("normalises the phone number to E.164 and defaults Async to true, as Admin bulk", () => {
        expect(EraseRequest.parse({ PhoneNumber: "(312) 555-0199" })).toEqual({
            PhoneNumber: "+13125550199",
            Async: true,
        });
        expect(EraseRequest.parse({ PhoneNumber: "+44 20 7946 0958", Async: false }).PhoneNumber).toBe("+442079460958");
    });

    it.each([
        [{}, "PhoneNumber"],
        [{ PhoneNumber: "12" }, "PhoneNumber"],
        [{ PhoneNumber: "+13125550199", Async: "yes" }, "Async"],
        [{ PhoneNumber: "+13125550199", Cursor: "" }, "Cursor"],
    ])("refuses %j, naming %s", (body, field) => {
        const parsed = EraseRequest.safeParse(body);
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
    });

    it("is an endpoint string an API key can be given", () => {
        expect(KNOWN_ENDPOINTS).toContain(ERASE_ENDPOINT);
    });
});
