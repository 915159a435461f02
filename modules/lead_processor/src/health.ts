/**
 * The health entry of the lead-processor image (`node dist/health.js --emf`, run on a schedule): prints the
 * health figures as CloudWatch Embedded Metric Format lines; `--json` or no flag for the report itself.
 */
import { runHealth } from "./ops/health-entry";

const code = await runHealth(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
