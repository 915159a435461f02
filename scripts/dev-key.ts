/**
 * `bun run dev-key` — makes a local DynamoDB ready to use: waits for it (`DYNAMODB_ENDPOINT`, or the old name
 * `LOCAL_DYNAMODB_URL`; AWS is refused), creates the missing `<TABLE_PREFIX>_Web2Text_*` tables (prefix
 * default DEV) and stores the development API key (`DEV_API_KEY` or the documented default) with access to
 * every endpoint. Keeps every item already there. The dev container runs it each time it starts.
 */
import { prepareLocalStore, waitForDynamo } from "devstack";
import { CliError, describeError, runCli, say } from "./lib/cli";
import { parseCommandLine } from "./lib/command-line";
import { DEFAULT_DEV_API_KEY, DEV_API_KEY_DESCRIPTION, isUuid } from "./lib/dev-defaults";
import { localDynamoEndpoint, tablePrefixFromEnv } from "./lib/dynamo-clear";

const NAME = "dev-key";
const USAGE = `usage: bun run ${NAME}

Waits for the local DynamoDB at DYNAMODB_ENDPOINT (or LOCAL_DYNAMODB_URL; AWS is refused), creates the missing
<TABLE_PREFIX>_Web2Text_* tables (prefix default DEV) and stores DEV_API_KEY (default
11111111-2222-4333-8444-555555555555) as an active key for every endpoint. Items already there are kept.`;

export async function devKeyCommand(
    argv: string[] = [],
    env: Record<string, string | undefined> = process.env,
): Promise<void> {
    if (parseCommandLine(argv, { options: {}, hint: `see bun run ${NAME} --help` }) === "help") {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    const endpoint = localDynamoEndpoint(env);
    const prefix = tablePrefixFromEnv(env);
    const apiKey = env.DEV_API_KEY?.trim() || DEFAULT_DEV_API_KEY;
    if (!isUuid(apiKey)) throw new CliError(`DEV_API_KEY '${apiKey}' is not a UUID (API keys are UUIDs)`, 2);
    try {
        await waitForDynamo(endpoint, 60_000);
    } catch (error) {
        throw new CliError(`no DynamoDB answers at ${endpoint} (${describeError(error)}); is it running?`);
    }
    const created = await prepareLocalStore(endpoint, prefix, apiKey, DEV_API_KEY_DESCRIPTION);
    say(
        NAME,
        created.length > 0
            ? `created ${created.join(", ")} at ${endpoint}`
            : `the ${prefix} tables exist at ${endpoint}`,
    );
    say(NAME, `development API key: ${apiKey} (all endpoints)`);
}

if (import.meta.main) await runCli(NAME, () => devKeyCommand(process.argv.slice(2)));
