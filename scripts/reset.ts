/**
 * `bun scripts/reset.ts` — clear-restate, then clear-dynamodb: all Restate state and invocations of the lead
 * processor's services and all items of the local `<TABLE_PREFIX>_Web2Text_*` tables are gone afterwards
 * (the dev API key is seeded again). Same settings as the two scripts it runs.
 */
import { clearDynamoCommand } from "./clear-dynamodb";
import { clearRestateCommand } from "./clear-restate";
import { runCli } from "./lib/cli";
import { localDynamoEndpoint } from "./lib/dynamo-clear";

if (import.meta.main) {
    await runCli("reset", async () => {
        // Refuse a non-local DynamoDB before touching Restate, so a refused reset changes nothing.
        localDynamoEndpoint();
        await clearRestateCommand("reset");
        await clearDynamoCommand("reset");
    });
}
