import type { NexusDirectory } from "../../../clients/nexus/nexus.client";
import type { KeepFacts } from "../../directory-facts";
import { readStoreHours } from "../../store-hours/read-store-hours";
import { invalid, type Step, type ValidationResult, valid } from "../../validation";
import { checkLocation } from "./checks/location.check";
import { checkPhoneNumber, type PhoneServices } from "./checks/phone.check";
import { readRetailer } from "./checks/retailer.check";
import type { Web2TextCreateRequest } from "./web2text.schema";

/** Everything Web2Text validation reads, as narrow interfaces (stubbed in unit tests). */
export interface Web2TextValidationServices extends PhoneServices {
    nexus: NexusDirectory;
}

/**
 * Web2Text validation, first failure wins: retailer (Nexus), location and its Web2Text number, customer
 * number differs from the store's, customer number (opt-out, Twilio Lookup). Every remote read is a step. A
 * valid lead's retailer, store and store hours go to `keep`, so its integrations need not read Nexus again.
 */
export async function validateWeb2TextLead(
    request: Web2TextCreateRequest,
    step: Step,
    services: Web2TextValidationServices,
    keep?: KeepFacts,
): Promise<ValidationResult> {
    const checked = await step("Check retailer in Nexus", () =>
        readRetailer(services.nexus, request.UniversalRetailerId),
    );
    if (checked.result.Status !== "VALID") return checked.result;
    const store = await step("Fetch location from Nexus", () => services.nexus.getLocation(request.Lead.LocationId));
    const location = await checkLocation(step, services, store);
    if (location.result.Status !== "VALID") return location.result;
    if (location.web2TextNumber === request.Lead.PhoneNumber) {
        return invalid("Phone Number", "Customer phone number is the same as the store's phone number");
    }
    const customer = await checkPhoneNumber(step, services, request.Lead.PhoneNumber, {
        name: "Phone Number",
        label: "Customer phone number",
        step: "customer number",
    });
    if (customer.Status !== "VALID") return customer;
    if (keep && checked.retailer && store) {
        const hours = await readStoreHours(step, services.nexus, request.UniversalRetailerId, store);
        keep({ retailer: checked.retailer, location: store, hours });
    }
    return valid("Web2Text Lead");
}
