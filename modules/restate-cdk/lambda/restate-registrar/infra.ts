/**
 * ECS and Cloud Map operations of the pruner. The AWS SDK v3 ships with the Lambda Node.js runtime, so it is
 * loaded at run time (not bundled) through the narrow structural types below.
 */
import type { ReleaseService } from "./prune";

export interface CloudMapService {
    id: string;
    arn: string;
    name: string;
    createdAt: Date;
}

export interface InfraPort {
    /** ACTIVE ECS services of this environment that carry a release tag. */
    listReleaseServices(): Promise<ReleaseService[]>;
    deleteEcsService(arn: string): Promise<void>;
    listCloudMapServices(): Promise<CloudMapService[]>;
    /** `in-use` while ECS is still deregistering the tasks; the next run retries. */
    deleteCloudMapService(id: string): Promise<"deleted" | "in-use">;
}

interface SdkCommandCtor {
    new (input: Record<string, unknown>): unknown;
}
interface SdkClient {
    send(command: unknown): Promise<Record<string, unknown>>;
}
interface SdkModule {
    [name: string]: unknown;
}

async function loadSdk(name: string): Promise<SdkModule> {
    const mod: SdkModule = await import(/* @vite-ignore */ name);
    return mod;
}

function ctor(mod: SdkModule, name: string): SdkCommandCtor {
    const value = mod[name];
    if (typeof value !== "function") throw new Error(`AWS SDK export ${name} not found`);
    return value as SdkCommandCtor;
}

interface EcsServiceShape {
    serviceArn?: string;
    status?: string;
    createdAt?: Date | string;
    tags?: { key?: string; value?: string }[];
    serviceRegistries?: { registryArn?: string }[];
}

interface CloudMapServiceShape {
    Id?: string;
    Arn?: string;
    Name?: string;
    CreateDate?: Date | string;
}

export interface AwsInfraOptions {
    clusterArn: string;
    namespaceId: string;
    environment: string;
    releaseTag: string;
    environmentTag: string;
}

export async function awsInfra(opts: AwsInfraOptions): Promise<InfraPort> {
    const ecsSdk = await loadSdk("@aws-sdk/client-ecs");
    const sdSdk = await loadSdk("@aws-sdk/client-servicediscovery");
    const ecs = new (ctor(ecsSdk, "ECSClient"))({}) as SdkClient;
    const sd = new (ctor(sdSdk, "ServiceDiscoveryClient"))({}) as SdkClient;
    const ListServices = ctor(ecsSdk, "ListServicesCommand");
    const DescribeServices = ctor(ecsSdk, "DescribeServicesCommand");
    const DeleteService = ctor(ecsSdk, "DeleteServiceCommand");
    const SdListServices = ctor(sdSdk, "ListServicesCommand");
    const SdDeleteService = ctor(sdSdk, "DeleteServiceCommand");

    return {
        async listReleaseServices() {
            const arns: string[] = [];
            let nextToken: string | undefined;
            do {
                const page = await ecs.send(new ListServices({ cluster: opts.clusterArn, maxResults: 100, nextToken }));
                arns.push(...((page.serviceArns as string[] | undefined) ?? []));
                nextToken = page.nextToken as string | undefined;
            } while (nextToken);

            const found: ReleaseService[] = [];
            for (let i = 0; i < arns.length; i += 10) {
                const page = await ecs.send(
                    new DescribeServices({
                        cluster: opts.clusterArn,
                        services: arns.slice(i, i + 10),
                        include: ["TAGS"],
                    }),
                );
                for (const svc of (page.services as EcsServiceShape[] | undefined) ?? []) {
                    const tag = (key: string) => svc.tags?.find((t) => t.key === key)?.value;
                    const releaseId = tag(opts.releaseTag);
                    if (!svc.serviceArn || svc.status !== "ACTIVE" || !releaseId) continue;
                    if (tag(opts.environmentTag) !== opts.environment) continue;
                    found.push({
                        arn: svc.serviceArn,
                        releaseId,
                        createdAt: new Date(svc.createdAt ?? 0),
                        registryArn: svc.serviceRegistries?.[0]?.registryArn,
                    });
                }
            }
            return found;
        },

        async deleteEcsService(arn) {
            await ecs.send(new DeleteService({ cluster: opts.clusterArn, service: arn, force: true }));
        },

        async listCloudMapServices() {
            const out: CloudMapService[] = [];
            let nextToken: string | undefined;
            do {
                const page = await sd.send(
                    new SdListServices({
                        Filters: [{ Name: "NAMESPACE_ID", Values: [opts.namespaceId], Condition: "EQ" }],
                        NextToken: nextToken,
                    }),
                );
                const services = page.Services as CloudMapServiceShape[] | undefined;
                for (const s of services ?? []) {
                    if (!s.Id || !s.Arn || !s.Name) continue;
                    out.push({ id: s.Id, arn: s.Arn, name: s.Name, createdAt: new Date(s.CreateDate ?? 0) });
                }
                nextToken = page.NextToken as string | undefined;
            } while (nextToken);
            return out;
        },

        async deleteCloudMapService(id) {
            try {
                await sd.send(new SdDeleteService({ Id: id }));
                return "deleted";
            } catch (error) {
                if (error instanceof Error && error.name === "ResourceInUse") return "in-use";
                throw error;
            }
        },
    };
}
