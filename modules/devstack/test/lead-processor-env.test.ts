import { LeadProcessorSettings } from "lead-processor";
import { describe, expect, it } from "vitest";
import { LEAD_PROCESSOR_TUNABLES, leadProcessorTunables } from "../src";

describe("the lead processor settings a local stack passes through", () => {
    it("are the reconcile interval and the conversation timers, when set", () => {
        expect(
            leadProcessorTunables({
                LEAD_RECONCILE_INTERVAL: " PT5S ",
                TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M",
                TWILIO_CONVERSATION_INACTIVE_TIMER: "",
                TWILIO_AUTH_TOKEN: "not passed through",
            }),
        ).toEqual({ LEAD_RECONCILE_INTERVAL: "PT5S", TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M" });
        expect(leadProcessorTunables({})).toEqual({});
    });

    it("are settings the lead processor has", () => {
        const known = Object.keys(LeadProcessorSettings.shape);
        expect(LEAD_PROCESSOR_TUNABLES.filter((name) => !known.includes(name))).toEqual([]);
    });
});
