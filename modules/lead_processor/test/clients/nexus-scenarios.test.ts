import { LeadProcessorConfig, NexusClient } from "lead-processor";
import { retailerFor, seed } from "sandbox";
import { describe, expect, it } from "vitest";
import { useSandboxServer } from "./sandbox-server";

// Every seed scenario through both Nexus APIs, read by the lead processor's own client built from the
// settings a local stack gives it (old Nexus with Basic auth; AWS Nexus via Secrets Manager and Cognito).
const served = useSandboxServer();
const recorded = (service: string) => served().calls(service);

/** The lead processor's Nexus client, configured as a local stack configures it. */
function nexusClient(): NexusClient {
    return NexusClient.fromConfig(LeadProcessorConfig.parse(served().env));
}

describe("seeded Nexus scenarios through both APIs", () => {
    it("serves every seeded retailer with its subscriptions, store hours and locations", async () => {
        const nexus = nexusClient();
        for (const retailer of seed.retailers) {
            const id = retailer.UniversalRetailerId;
            expect(await nexus.getRetailer(id)).toMatchObject({ id, name: retailer.name, status: retailer.status });
            expect(await nexus.getSubscriptions(id)).toEqual(retailer.subscriptions);
            const hours = await nexus.getStoreHours(id);
            expect(hours?.map((h) => h.id)).toEqual(retailer.locations.map((l) => l.id));
            const locations = await nexus.getRetailerLocations(id);
            expect(locations?.map((l) => l.id)).toEqual(retailer.locations.map((l) => l.id));
            for (const location of retailer.locations) {
                expect(await nexus.getLocation(location.id)).toMatchObject({
                    id: location.id,
                    universal_id: location.universal_id,
                    Web2Text_Phone_Number: location.Web2Text_Phone_Number,
                    retailer_id: id,
                });
            }
        }
        expect(recorded("secretsmanager")).toHaveLength(1);
        expect(recorded("cognito")).toHaveLength(1);
    });

    it("answers unknown retailers and locations so that the client reads 'not found'", async () => {
        const nexus = nexusClient();
        const unknown = crypto.randomUUID();
        expect(await nexus.getRetailer(unknown)).toBeNull();
        expect(await nexus.getSubscriptions(unknown)).toBeNull();
        expect(await nexus.getStoreHours(unknown)).toBeNull();
        expect(await nexus.getRetailerLocations(unknown)).toEqual([]);
        expect(await nexus.getLocation(unknown)).toBeNull();
    });

    it("covers every scenario the seed promises", () => {
        const scenarios = new Set(seed.retailers.map((r) => r.scenario));
        expect([...scenarios].sort()).toEqual(["churned", "invalid-number", "opted-out", "shared-number", "valid"]);
        expect(retailerFor("valid").locations.length).toBeGreaterThanOrEqual(2);
        const shared = seed.retailers.filter((r) => r.scenario === "shared-number");
        const numbers = shared.flatMap((r) => r.locations.map((l) => l.Web2Text_Phone_Number));
        expect(new Set(shared.map((r) => r.UniversalRetailerId)).size).toBe(2);
        expect(new Set(numbers).size).toBe(1);
    });
});
