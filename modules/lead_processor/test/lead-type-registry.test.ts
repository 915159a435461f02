import { describe, expect, it } from "vitest";
import { CreateLeadRequest } from "../src/lead/create-request";
import { SubmittedLead } from "../src/lead/lead-state";
import type { IntegrationName, ValidationServices } from "../src/lead/lead-type";
import { LEAD_TYPES } from "../src/lead/lead-types";
import { LeadTypeRegistry } from "../src/lead/registry";
import type { Step } from "../src/lead/validation";
import { actOnLead, web2TextLead } from "./integrations/fixtures";

/** Stand-ins of the integrations: the registry only reads their names. */
const catalogue = (): Record<IntegrationName, { name: string }> => ({
    Twilio: { name: "Twilio" },
    Botpress: { name: "Botpress" },
    RLM: { name: "RLM" },
    DHQ: { name: "DHQ" },
    ActOn: { name: "ActOn" },
    FloorForce: { name: "FloorForce" },
});
/** Validation services no test here reaches: ACTON reads none, WEB2TEXT is validated in its own test. */
const services: ValidationServices = {
    nexus: {} as ValidationServices["nexus"],
    lookup: { lookup: async () => Promise.reject(new Error("not used")) },
    optOuts: { isOptedOut: async () => false },
};
const step: Step = (_name, action) => action();

describe("lead-type registry", () => {
    it("binds each lead type to its integrations, in the order they run", () => {
        const registry = new LeadTypeRegistry(LEAD_TYPES, { services, integrations: catalogue() });
        expect(registry.integrationsFor(web2TextLead()).map((i) => i.name)).toEqual([
            "Twilio",
            "Botpress",
            "RLM",
            "DHQ",
        ]);
        expect(registry.integrationsFor(actOnLead()).map((i) => i.name)).toEqual(["ActOn", "FloorForce"]);
    });

    it("reconciles WEB2TEXT leads (their thread lives on at Twilio) and not ACTON leads", () => {
        const registry = new LeadTypeRegistry(LEAD_TYPES, { services, integrations: catalogue() });
        expect(registry.reconciles(web2TextLead())).toBe(true);
        expect(registry.reconciles(actOnLead())).toBe(false);
    });

    it("runs the validator of the request's lead type", async () => {
        const registry = new LeadTypeRegistry(LEAD_TYPES, { services, integrations: catalogue() });
        const { LeadId: _id, Status: _s, DateSubmitted: _d, Integrations: _i, ...fields } = actOnLead();
        const request = CreateLeadRequest.parse(fields);
        expect(await registry.validate(request, step)).toEqual({ Name: "ActOn Lead", Status: "VALID" });
    });

    it("refuses an integration listed under another name than its own", () => {
        const integrations = { ...catalogue(), RLM: { name: "DHQ" } };
        expect(() => new LeadTypeRegistry(LEAD_TYPES, { services, integrations })).toThrow(
            "Integration listed as 'RLM' is named 'DHQ'",
        );
    });

    it("builds the request and stored-lead schemas from the registered lead types", () => {
        expect(CreateLeadRequest.options.map((o) => o.shape.LeadType.value)).toEqual(LEAD_TYPES.map((t) => t.type));
        expect(SubmittedLead.options.map((o) => o.shape.LeadType.value)).toEqual(["WEB2TEXT", "ACTON"]);
        expect(SubmittedLead.parse(web2TextLead()).LeadType).toBe("WEB2TEXT");
    });
});
