import type { VendorContext } from "../app";
import type { Router } from "../core/router";
import { registerActOn } from "./acton";
import { registerBotpress } from "./botpress";
import { registerDhq } from "./dhq";
import { registerFloorForce } from "./floorforce";
import { registerNexus } from "./nexus";
import { registerNexusAws } from "./nexus-aws";
import { registerNexusHours } from "./nexus-hours";
import { registerRlm } from "./rlm";
import { registerSecretsManager } from "./secrets-manager";
import { registerTwilio } from "./twilio";
import { registerTwilioLookup } from "./twilio-lookup";

/** A vendor stand-in registers its routes and may return a function that stops its background work. */
export type VendorRegistration = (router: Router, context: VendorContext) => (() => void) | undefined;

// One line per vendor stand-in.
const vendors: VendorRegistration[] = [
    registerNexus,
    registerNexusAws,
    registerNexusHours,
    registerSecretsManager,
    registerTwilioLookup,
    registerTwilio,
    registerRlm,
    registerDhq,
    registerBotpress,
    registerActOn,
    registerFloorForce,
];

export function registerVendors(router: Router, context: VendorContext): (() => void)[] {
    return vendors.map((register) => register(router, context)).filter((close) => close !== undefined);
}
