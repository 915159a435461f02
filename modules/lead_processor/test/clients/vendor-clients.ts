/** Every vendor client pointed at a sandbox server, with a short timeout for fault tests. */
import { ActOnClient } from "../../src/clients/acton/acton.client";
import { BotpressClient } from "../../src/clients/botpress/botpress.client";
import { DhqClient } from "../../src/clients/dhq/dhq.client";
import { FloorForceClient } from "../../src/clients/floorforce/floorforce.client";
import { VendorError } from "../../src/clients/http";
import { RlmClient } from "../../src/clients/rlm/rlm.client";
import type { SandboxServer } from "./sandbox-server";

const setting = (sb: SandboxServer, name: string): string => {
    const value = sb.env[name];
    if (value === undefined) throw new Error(`the local stack env has no ${name}`);
    return value;
};

export function vendorClients(sb: SandboxServer, timeoutMs = 2_000) {
    return {
        rlm: new RlmClient({
            baseUrl: setting(sb, "RLM_API_URL"),
            godApiKey: setting(sb, "RLM_GOD_API_KEY"),
            godEmail: setting(sb, "RLM_GOD_EMAIL"),
            timeoutMs,
        }),
        dhq: new DhqClient({ baseUrl: setting(sb, "DHQ_API_URL"), apiKey: setting(sb, "DHQ_API_KEY"), timeoutMs }),
        botpress: new BotpressClient({
            baseUrl: setting(sb, "BOTPRESS_API_URL"),
            token: setting(sb, "BOTPRESS_API_TOKEN"),
            botId: setting(sb, "BOTPRESS_BOT_ID"),
            workspaceId: setting(sb, "BOTPRESS_WORKSPACE_ID"),
            table: "Int_Connor_Conversations_Table",
            timeoutMs,
        }),
        acton: new ActOnClient({
            baseUrl: setting(sb, "ACTON_BASE_URL"),
            credentials: {
                username: setting(sb, "ACTON_USERNAME"),
                password: setting(sb, "ACTON_PASSWORD"),
                clientId: setting(sb, "ACTON_CLIENT_ID"),
                clientSecret: setting(sb, "ACTON_CLIENT_SECRET"),
            },
            timeoutMs,
        }),
        floorforce: new FloorForceClient({ baseUrl: setting(sb, "FF_API_URL"), timeoutMs }),
    };
}

/** The VendorError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function vendorFailure(promise: Promise<unknown>): Promise<VendorError> {
    const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
    return error;
}
