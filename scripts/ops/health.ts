/**
 * `bun run ops:health [--json]` — the figures an operator acts on, for a running stack or a deployed
 * environment: invocations retrying or paused and for how long, open leads with an integration in ERROR (by
 * vendor and error), leads active past their thread's closed timer, opt-outs in the last day. Exit 1 when a
 * threshold is crossed. The figures are the lead processor's (`lead-processor/ops`), the same the deployed
 * task publishes to CloudWatch with `node dist/health.js --emf`.
 */
import { runHealth } from "lead-processor/ops";
import { runCli } from "../lib/cli";
import { type Command, type Env, parseCommand } from "./lib";

const NAME = "ops:health";

export const HEALTH_SETTINGS_HELP = `settings (environment, also read from .env; the lead processor's names):
  RESTATE_ADMIN_URL          Restate admin API (default here http://127.0.0.1:9070)
  DYNAMODB_ENDPOINT          local DynamoDB (LOCAL_DYNAMODB_URL also works); unset: AWS in AWS_REGION
  TABLE_PREFIX               table prefix (default from DEPLOYMENT_ENV: PROD in production, else DEV)
  DEPLOYMENT_ENV             development | production (the report's environment; picks the defaults)
  AWS_REGION                 AWS region (default us-east-1)
  TWILIO_CONVERSATION_CLOSED_TIMER, LEAD_RECONCILE_INTERVAL   as the service has them
thresholds (exit 1 when a figure is above its maximum):
  HEALTH_STUCK_AFTER                    an invocation retrying this long is stuck (default PT5M)
  HEALTH_MAX_STUCK_INVOCATIONS          default 0
  HEALTH_MAX_PAUSED_INVOCATIONS         default 0
  HEALTH_MAX_INTEGRATION_ERRORS         open leads in ERROR per vendor, default 0
  HEALTH_MAX_ACTIVE_PAST_CLOSED_TIMER   default 0
  HEALTH_MAX_OPT_OUTS_LAST_DAY          default 100
exit codes: 0 healthy, 1 a threshold crossed, 2 bad arguments or settings, 3 a source could not be read`;

export const healthCommand: Command<{ json: boolean }> = {
    name: NAME,
    usage: `usage: bun run ${NAME} [--json]

Prints the health figures and whether each is within its threshold. --json prints the report as JSON
(its shape: docs/operations.md "Health figures"; the field 'version' changes when it breaks).`,
    settingsHelp: HEALTH_SETTINGS_HELP,
    options: { json: { type: "boolean" } },
    positionals: [],
    parse: (_positionals, values) => ({ json: values.json === true }),
};

/** Runs the command; resolves with its exit code (the figures' verdict) instead of throwing for it. */
export async function health(argv: string[], env: Env = process.env): Promise<number> {
    const parsed = parseCommand(healthCommand, argv);
    if (parsed.help) {
        process.stdout.write(parsed.text);
        return 0;
    }
    const settings = { ...env, RESTATE_ADMIN_URL: env.RESTATE_ADMIN_URL?.trim() || "http://127.0.0.1:9070" };
    return runHealth(parsed.args.json ? ["--json"] : [], settings, {
        out: (text) => process.stdout.write(text),
        err: (line) => process.stderr.write(`${line.replace(/^health:/, `${NAME}:`)}\n`),
    });
}

if (import.meta.main) {
    await runCli(NAME, async () => {
        const code = await health(process.argv.slice(2));
        if (code !== 0) process.exit(code);
    });
}
