import { maskPhonesInText } from "common";
import { hasChanges } from "./plan";
import type { ConversationOutcome, CutoverReport } from "./run";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const hostOf = (url: string | null) => (url && URL.canParse(url) ? new URL(url).host : String(url));
const handlerOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** One line per conversation (`--verbose`): its sid, state, masked name and what changed. */
export function conversationLine(outcome: ConversationOutcome, apply: boolean): string {
    const { conversation, plan, error } = outcome;
    const name = conversation.friendlyName ? ` "${maskPhonesInText(conversation.friendlyName)}"` : "";
    const head = `${conversation.sid} ${conversation.state}${name}`;
    if (error) return `${head}: FAILED: ${maskPhonesInText(error)}`;
    if (!plan || !hasChanges(plan)) return `${head}: already points here`;
    const parts = [
        ...(plan.add.length
            ? [`${apply ? "added" : "would add"} ${plan.add.map((w) => handlerOf(w.url)).join(", ")}`]
            : []),
        ...(plan.remove.length
            ? [
                  `${apply ? "removed" : "would remove"} ${plural(plan.remove.length, "old webhook")} (${[
                      ...new Set(plan.remove.map((w) => hostOf(w.url))),
                  ].join(", ")})`,
              ]
            : []),
    ];
    return `${head}: ${parts.join("; ")}`;
}

/** The report's lines: the inbound webhook, the counts, each conversation with `verbose`, and what to do next. */
export function reportLines(report: CutoverReport, verbose: boolean): string[] {
    const { apply, inbound, outcomes } = report;
    const changed = outcomes.filter((o) => !o.error && o.plan && hasChanges(o.plan));
    const failed = outcomes.filter((o) => o.error);
    const added = changed.reduce((sum, o) => sum + (o.plan?.add.length ?? 0), 0);
    const removed = changed.reduce((sum, o) => sum + (o.plan?.remove.length ?? 0), 0);
    const inboundLine =
        inbound.from === inbound.to
            ? `inbound webhook: already ${inbound.to}`
            : `inbound webhook: ${inbound.from ?? "(none)"} → ${inbound.to}${apply ? "" : " (would change)"}`;
    const active = outcomes.filter((o) => o.conversation.state === "active").length;
    const lines = [
        inboundLine,
        `open conversations: ${outcomes.length} (${active} active, ${outcomes.length - active} inactive)`,
        `${apply ? "re-pointed" : "would re-point"}: ${plural(changed.length, "conversation")} (${plural(added, "webhook")} added, ${removed} removed); ${outcomes.length - changed.length - failed.length} already pointed here; ${failed.length} failed`,
    ];
    const shown = verbose ? outcomes : failed;
    lines.push(...shown.map((o) => `  ${conversationLine(o, apply)}`));
    if (failed.length > 0) lines.push("some conversations failed: run the same command again to finish");
    else if (!apply) lines.push("dry run: nothing was changed; run again with --apply to make these changes");
    else if (changed.length === 0 && inbound.from === inbound.to) lines.push("nothing to change");
    return lines;
}
