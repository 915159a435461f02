import { toE164 } from "common";
import type { NexusLocation } from "../../../../clients/nexus/nexus.types";
import { invalid, nonexistent, type Step, type ValidationResult, valid } from "../../../validation";
import { checkPhoneNumber, type PhoneServices } from "./phone.check";

const NAME = "Location";

export interface LocationVerdict {
    result: ValidationResult;
    /** The location's Web2Text number in E.164, when it parsed. */
    web2TextNumber: string | undefined;
}

/**
 * A location takes Web2Text leads when it exists and its Web2Text number is present, parses, and passes the
 * phone checks (not opted out, valid, textable line type).
 */
export async function checkLocation(
    step: Step,
    services: PhoneServices,
    location: NexusLocation | null,
): Promise<LocationVerdict> {
    if (!location)
        return {
            result: nonexistent(NAME, "Could not find location with this Id in Nexus"),
            web2TextNumber: undefined,
        };
    const raw = location.Web2Text_Phone_Number?.trim();
    if (!raw)
        return { result: invalid(NAME, "Location does not have a Web2Text phone number"), web2TextNumber: undefined };
    const web2TextNumber = toE164(raw);
    if (!web2TextNumber) {
        return { result: invalid(NAME, `Location's phone number cannot be parsed: '${raw}'`), web2TextNumber };
    }
    const phone = await checkPhoneNumber(step, services, web2TextNumber, {
        name: NAME,
        label: "Location's Web2Text phone number",
        step: `Web2Text number of location ${location.id}`,
    });
    return { result: phone.Status === "VALID" ? valid(NAME) : phone, web2TextNumber };
}
