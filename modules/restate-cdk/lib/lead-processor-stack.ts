import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/environments";
import { HealthReportSchedule } from "./constructs/health-report-schedule";
import { LeadProcessorAlarms } from "./constructs/lead-processor-alarms";
import { LeadProcessorRelease, type LeadProcessorTaskProps } from "./constructs/lead-processor-release";
import { LeadProcessorShared } from "./constructs/lead-processor-shared";
import { OperationsDashboard } from "./constructs/operations-dashboard";
import { RestateRegistration } from "./constructs/restate-registration";
import { TableThrottleAlarms } from "./constructs/table-throttle-alarms";
import { serviceImageAsset } from "./images";
import { leadProcessorEnvironment, leadProcessorSecrets } from "./lead-processor-environment";
import { LEAD_PROCESSOR_PORT, releaseHost } from "./names";
import type { NetworkStack } from "./network-stack";
import type { RestateServerStack } from "./restate-server-stack";
import type { TwilioProxyStack } from "./twilio-proxy-stack";

export interface LeadProcessorStackProps extends StackProps {
    /** The environment's validated settings (lead processor size, scaling, secret, plain environment). */
    settings: EnvironmentSettings;
    /** VPC, cluster and the private namespace the releases are named in. */
    network: NetworkStack;
    /** The Restate server: its admin URL (registration) and task security group (the only caller). */
    restate: RestateServerStack;
    /** The Twilio proxy: its URL, secret (the shared password) and load balancer security group. */
    twilioProxy: TwilioProxyStack;
    /** Overrides the release id derived from the image (context `release`). */
    releaseId?: string;
}

/**
 * The lead processor: one Fargate service *per release*, each named `r-<release>` in Cloud Map and registered
 * with Restate at `http://r-<release>.<namespace>:9080/` (HTTP/2 cleartext straight to the tasks, no load
 * balancer in the path).
 *
 * The release id is the first 12 hex digits of the image's content hash, so it changes exactly when the shipped
 * code changes. A new release gets new logical ids; the previous release's service, task definition and Cloud
 * Map name have DeletionPolicy RETAIN, so CloudFormation leaves them running when they leave the template and
 * their pinned invocations finish there. The registrar prunes them once drained.
 */
export class LeadProcessorStack extends Stack {
    readonly releaseId: string;
    readonly deploymentUri: string;
    readonly release: LeadProcessorRelease;
    readonly registration: RestateRegistration;

    constructor(scope: Construct, id: string, props: LeadProcessorStackProps) {
        super(scope, id, props);
        const { settings, network, restate, twilioProxy } = props;
        const env = settings.name;
        const lp = settings.leadProcessor;

        const image = serviceImageAsset(this, "Image", "lead_processor");
        this.releaseId = props.releaseId ?? image.assetHash.slice(0, 12);
        if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(this.releaseId)) {
            throw new Error(`release id "${this.releaseId}" must be 1-40 lower-case letters, digits or dashes`);
        }
        this.deploymentUri = `http://${releaseHost(env, this.releaseId)}:${LEAD_PROCESSOR_PORT}/`;

        const shared = new LeadProcessorShared(this, "Shared", {
            vpc: network.vpc,
            environmentName: env,
            logRetention: settings.logRetentionDays,
            logRemovalPolicy: env === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
            tablePrefix: settings.tablePrefix,
            restateSecurityGroup: restate.taskSecurityGroup,
            twilioProxySecurityGroup: twilioProxy.loadBalancerSecurityGroup,
        });

        // What every task of the image runs with: the release's tasks and the health report's.
        const task: LeadProcessorTaskProps = {
            image,
            taskRole: shared.taskRole,
            executionRole: shared.executionRole,
            securityGroup: shared.securityGroup,
            logGroup: shared.logGroup,
            environment: leadProcessorEnvironment(settings, twilioProxy.url),
            secrets: leadProcessorSecrets(this, settings, twilioProxy.secret),
        };
        this.release = new LeadProcessorRelease(this, `Release-${this.releaseId}`, {
            ...task,
            env,
            releaseId: this.releaseId,
            cluster: network.cluster,
            namespace: network.namespace,
            size: lp.size,
            scaling: lp.scaling,
        });

        this.registration = new RestateRegistration(this, "Registration", {
            vpc: network.vpc,
            cluster: network.cluster,
            namespace: network.namespace,
            environment: env,
            adminUrl: restate.adminUrl,
            releaseId: this.releaseId,
            deploymentUri: this.deploymentUri,
            useHttp11: false,
            retainedReleases: lp.retainedReleases,
            releaseService: this.release.service,
            logRetention: settings.logRetentionDays,
        });

        new HealthReportSchedule(this, "HealthReport", {
            ...task,
            environment: { ...task.environment, RESTATE_ADMIN_URL: restate.adminUrl },
            env,
            cluster: network.cluster,
        });
        const thresholds = settings.alarms.thresholds;
        const alarms = [
            ...new LeadProcessorAlarms(this, "Alarms", {
                env,
                thresholds,
                service: this.release.service,
                minTasks: lp.scaling.minTasks,
            }).alarms,
            ...new TableThrottleAlarms(this, "TableAlarms", {
                env,
                tablePrefix: settings.tablePrefix,
                threshold: thresholds.tableThrottlesPerFiveMinutes,
            }).alarms,
        ];
        // The one dashboard of the environment lives here, the stack that already knows every other one.
        new OperationsDashboard(this, "Dashboard", {
            env,
            alarms: [...restate.alarms, ...twilioProxy.alarms, ...alarms],
        });

        new CfnOutput(this, "ReleaseId", { value: this.releaseId });
        new CfnOutput(this, "DeploymentUri", { value: this.deploymentUri });
    }
}
