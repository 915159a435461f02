/**
 * CDK app (run by `bun`, see cdk.json). `--context env=development|production` synthesises one environment;
 * without it both are synthesised. `--context release=<id>` overrides the lead-processor release id.
 */
import { App } from "aws-cdk-lib";
import { loadEnvironment } from "../config/environments";
import { buildEnvironment } from "../lib/environment-app";
import { ENVIRONMENT_NAMES, isEnvironmentName } from "../lib/names";

const app = new App();
const requested: unknown = app.node.tryGetContext("env");
if (requested !== undefined && (typeof requested !== "string" || !isEnvironmentName(requested))) {
    throw new Error(`context env must be one of ${ENVIRONMENT_NAMES.join(", ")}; got ${JSON.stringify(requested)}`);
}
const release: unknown = app.node.tryGetContext("release");
if (release !== undefined && typeof release !== "string") throw new Error("context release must be a string");

for (const name of requested ? [requested] : ENVIRONMENT_NAMES) {
    buildEnvironment(app, loadEnvironment(name), { releaseId: release });
}
app.synth();
