/**
 * `bun run lead:show <leadId> [--json]` — where is this lead? Its state (`Lead/{id}/status`), its DynamoDB
 * projection item, and every invocation of its object Restate still knows (admin SQL over `sys_invocation`).
 */
import { CliError, describeError, runCli } from "../lib/cli";
import {
    adminQuery,
    type Command,
    callIngress,
    type Env,
    InvocationRow,
    integrationLines,
    invocationsQuery,
    type LeadView,
    leadIdArgument,
    maskPhonesInText,
    opsSettings,
    parseCommand,
    projectionWhere,
    readProjection,
    row,
} from "./lib";

const NAME = "lead:show";

export const leadShowCommand: Command<{ leadId: string; json: boolean }> = {
    name: NAME,
    usage: `usage: bun run ${NAME} <leadId> [--json]

Shows one lead: its status, type, retailer, each integration's SyncStatus, LastSynced and ErrorInfo, whether
its DynamoDB projection matches, and the invocations of its Restate object (oldest first; Restate keeps
completed invocations for a day). --json prints the raw state, projection item and invocation rows.`,
    options: { json: { type: "boolean" } },
    positionals: ["<leadId>"],
    parse: ([id], values) => ({ leadId: leadIdArgument(id), json: values.json === true }),
};

/** What `lead:show` gathered; a source that could not be read carries its error instead. */
export interface LeadReport {
    leadId: string;
    state: LeadView;
    projection: Record<string, unknown> | null | { error: string };
    invocations: InvocationRow[] | { error: string };
}

const failed = (value: unknown): value is { error: string } =>
    typeof value === "object" && value !== null && "error" in value && !Array.isArray(value);

export async function gatherLead(leadId: string, env: Env = process.env): Promise<LeadReport> {
    const settings = opsSettings(env);
    const state = await callIngress<LeadView>(settings, `/Lead/${leadId}/status`, {
        method: "GET",
        endpoint: "Lead/status",
        action: `read the status of lead ${leadId}`,
    });
    const [projection, invocations] = await Promise.all([
        readProjection(settings, leadId).then(
            (item) => item ?? null,
            (error: unknown) => ({ error: describeError(error) }),
        ),
        adminQuery(settings, invocationsQuery(leadId), InvocationRow).catch((error: unknown) => ({
            error: describeError(error),
        })),
    ]);
    return { leadId, state, projection, invocations };
}

/** Differences between the projection item and the state the object answered. */
export function projectionDiff(state: LeadView, item: Record<string, unknown>): string[] {
    const differences: string[] = [];
    const compare = (label: string, fromState: unknown, fromItem: unknown) => {
        if ((fromState ?? null) !== (fromItem ?? null)) {
            differences.push(`${label} ${String(fromItem ?? "(none)")} (state: ${String(fromState ?? "(none)")})`);
        }
    };
    compare("Status", state.Status, item.Status);
    compare("CloseReason", state.CloseReason, item.CloseReason);
    const itemIntegrations = (item.Integrations ?? {}) as Record<string, { SyncStatus?: string; LastSynced?: string }>;
    const names = new Set([...Object.keys(state.Integrations ?? {}), ...Object.keys(itemIntegrations)]);
    for (const name of names) {
        compare(`${name}.SyncStatus`, state.Integrations?.[name]?.SyncStatus, itemIntegrations[name]?.SyncStatus);
        compare(`${name}.LastSynced`, state.Integrations?.[name]?.LastSynced, itemIntegrations[name]?.LastSynced);
    }
    return differences;
}

/** `status` calls only read the lead (lead:show makes one itself). */
const isStatusRead = (inv: InvocationRow) => inv.target_handler_name === "status";

function invocationLine(inv: InvocationRow, width: { handler: number; status: number }): string {
    const outcome =
        inv.status === "completed"
            ? inv.completion_result === "failure"
                ? `failed: ${maskPhonesInText(inv.completion_failure ?? "?")}`
                : "succeeded"
            : `${inv.retry_count ? `${inv.retry_count} retries` : ""}${inv.last_failure ? `, last failure: ${maskPhonesInText(inv.last_failure)}` : ""}`;
    const from = inv.invoked_by === "ingress" ? "ingress" : `from ${inv.invoked_by_target ?? inv.invoked_by}`;
    const trace = inv.trace_id ? `  trace ${inv.trace_id}` : "";
    return `    ${inv.created_at}  ${inv.target_handler_name.padEnd(width.handler)}  ${inv.status.padEnd(width.status)}  ${inv.id}  ${from}  ${outcome}${trace}`.trimEnd();
}

export function renderLead(report: LeadReport, where: { projection: string; admin: string }): string {
    const { state } = report;
    const lines = [`Lead ${report.leadId}`];
    lines.push(row("Status", state.Status + (state.CloseReason ? ` (${state.CloseReason})` : "")));
    if (state.Status !== "NONEXISTANT") {
        const location = typeof state.Lead?.LocationId === "string" ? `, location ${state.Lead.LocationId}` : "";
        lines.push(row("Type", state.LeadType ?? "?"));
        lines.push(row("Retailer", `${state.UniversalRetailerId ?? "?"}${location}`));
        lines.push(row("Submitted", state.DateSubmitted ?? "?"));
        lines.push(row("Integrations", ""), ...integrationLines(state.Integrations));
    }
    const { projection } = report;
    let projectionText: string;
    if (failed(projection)) projectionText = `could not be read: ${projection.error}`;
    else if (projection === null) projectionText = "no item";
    else {
        const differences =
            state.Status === "NONEXISTANT" ? ["the object holds no state"] : projectionDiff(state, projection);
        projectionText =
            differences.length === 0
                ? `item matches the state (Status ${String(projection.Status)})`
                : `item differs: ${differences.join("; ")}`;
    }
    lines.push(row("DynamoDB", `${where.projection}: ${projectionText}`));
    const { invocations } = report;
    if (failed(invocations)) {
        lines.push(row("Invocations", `could not be read: ${invocations.error}`));
    } else {
        const changes = invocations.filter((inv) => !isStatusRead(inv));
        lines.push(row("Invocations", `${changes.length} (Restate admin ${where.admin}, oldest first)`));
        const width = {
            handler: Math.max(0, ...changes.map((i) => i.target_handler_name.length)),
            status: Math.max(0, ...changes.map((i) => i.status.length)),
        };
        lines.push(...changes.map((inv) => invocationLine(inv, width)));
        const reads = invocations.length - changes.length;
        if (reads > 0) lines.push(`    and ${reads} status read(s), not listed (--json lists them)`);
    }
    return lines.join("\n");
}

export async function leadShow(argv: string[], env: Env = process.env): Promise<void> {
    const parsed = parseCommand(leadShowCommand, argv);
    if (parsed.help) {
        process.stdout.write(parsed.text);
        return;
    }
    const settings = opsSettings(env);
    const report = await gatherLead(parsed.args.leadId, env);
    const unreadable = [
        failed(report.projection) ? "the DynamoDB projection" : undefined,
        failed(report.invocations) ? "the invocations" : undefined,
    ].filter((x) => x !== undefined);
    const nothing =
        report.state.Status === "NONEXISTANT" &&
        report.projection === null &&
        Array.isArray(report.invocations) &&
        report.invocations.every(isStatusRead);
    if (nothing) {
        throw new CliError(
            `no lead ${report.leadId}: no state, no item in ${projectionWhere(settings)}, no invocations in Restate`,
        );
    }
    if (parsed.args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
        process.stdout.write(
            `${renderLead(report, { projection: projectionWhere(settings), admin: settings.admin })}\n`,
        );
    }
    if (unreadable.length > 0) throw new CliError(`could not read ${unreadable.join(" and ")} (see above)`);
}

if (import.meta.main) await runCli(NAME, () => leadShow(process.argv.slice(2)));
