import type { Background } from "./background";
import { type Conversation, timerDeadlines } from "./store";

/** A state change a timer will make, and when. */
export interface TimerTransition {
    at: number;
    to: "inactive" | "closed";
}

/**
 * The next state change a conversation's timers will make: an active conversation goes inactive when its
 * inactive timer runs out (counted from the last activity), and any open one closes when its closed timer
 * does; a closed timer that runs out first skips the inactive state.
 */
export function nextTransition(conversation: Conversation): TimerTransition | undefined {
    if (conversation.state === "closed") return undefined;
    const { inactiveAt, closedAt } = timerDeadlines(conversation);
    if (
        conversation.state === "active" &&
        inactiveAt !== undefined &&
        (closedAt === undefined || inactiveAt < closedAt)
    ) {
        return { at: inactiveAt, to: "inactive" };
    }
    return closedAt === undefined ? undefined : { at: closedAt, to: "closed" };
}

/** Keeps one armed timer per conversation, for its next transition; `onDue` applies it. */
export class TimerScheduler {
    private readonly armed = new Map<string, () => void>();

    constructor(
        private readonly background: Background,
        private readonly onDue: (conversationSid: string) => void,
    ) {}

    /** (Re)arms the conversation's timer after anything that changes its state, timers or activity. */
    schedule(conversation: Conversation): void {
        this.cancel(conversation.sid);
        const next = nextTransition(conversation);
        if (!next) return;
        const sid = conversation.sid;
        this.armed.set(
            sid,
            this.background.at(next.at, () => {
                this.armed.delete(sid);
                this.onDue(sid);
            }),
        );
    }

    cancel(conversationSid: string): void {
        this.armed.get(conversationSid)?.();
        this.armed.delete(conversationSid);
    }

    cancelAll(): void {
        for (const sid of [...this.armed.keys()]) this.cancel(sid);
    }
}
