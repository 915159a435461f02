import { type Logger, maskPhone } from "common";
import type { SessionParticipant, SessionRequest, SessionResponse } from "common/twilio-proxy";
import { ProxyError, twilioFailure } from "../errors";
import { freeCandidates, ProxyPicker, type ProxyReservations } from "../pool/choose-proxy";
import type { PoolSnapshot } from "../pool/pool-snapshot";
import type { ConversationCreateParams, TwilioConversation } from "../twilio/api";
import { type ConversationsGateway, isPairInUse, isUniqueNameTaken } from "../twilio/conversations";
import { TwilioCallError } from "../twilio/errors";
import type { KeyedLock } from "./keyed-lock";
import { toSessionResponse } from "./to-response";

export interface SessionDeps {
    conversations: ConversationsGateway;
    pool: { current(): PoolSnapshot };
    reservations: ProxyReservations;
    /** Serialises requests that carry the same uniqueName. */
    uniqueNames: KeyedLock;
    logger: Logger;
    /** Used when the request names no Messaging Service (the service the pool comes from). */
    messagingServiceSid?: string | undefined;
}

/** A participant about to be added: its picker and the proxy number claimed for the first attempt. */
interface Assignment {
    picker: ProxyPicker;
    first: string;
}

function poolExhausted(address: string, reason: string, conversationSid?: string): ProxyError {
    return new ProxyError(503, "pool_exhausted", `No free pool number for ${maskPhone(address)}: ${reason}`, {
        conversationSid,
    });
}

/** Looks up what each address already uses and claims a first proxy number for each; 503 when one has none. */
async function assignFirstChoices(deps: SessionDeps, addresses: string[]): Promise<Assignment[]> {
    const busy = await Promise.all(addresses.map((address) => deps.conversations.busyProxies(address)));
    const pool = deps.pool.current();
    const assignments: Assignment[] = [];
    for (const [index, address] of addresses.entries()) {
        const ordered = pool.candidatesFor(address);
        const picker = new ProxyPicker(address, freeCandidates(ordered, busy[index] ?? new Set()), deps.reservations);
        const first = picker.take();
        if (first === undefined) {
            picker.releaseAll();
            for (const assignment of assignments) assignment.picker.releaseAll();
            const reason =
                ordered.length === 0
                    ? "the pool has no number in its country"
                    : `all ${ordered.length} pool numbers of its country are in use by it or being assigned to it`;
            throw poolExhausted(address, reason);
        }
        assignments.push({ picker, first });
    }
    return assignments;
}

/** Adds one participant, moving to the next candidate each time Twilio says the pair is in use (50416). */
async function addParticipant(
    deps: SessionDeps,
    conversationSid: string,
    { picker, first }: Assignment,
): Promise<SessionParticipant> {
    let refused = 0;
    for (let proxy: string | undefined = first; proxy !== undefined; proxy = picker.take()) {
        try {
            return await deps.conversations.addParticipant(conversationSid, picker.address, proxy);
        } catch (error) {
            if (!isPairInUse(error)) throw error;
            refused++;
            deps.logger.info("Proxy number already paired with this participant (50416); trying the next", {
                conversationSid,
                address: picker.address,
                proxy,
            });
        }
    }
    throw poolExhausted(
        picker.address,
        `Twilio refused all ${refused} remaining candidates as already paired with it (50416)`,
        conversationSid,
    );
}

/** Adds every participant in parallel; returns them in request order, or throws the first failure. */
async function addAll(deps: SessionDeps, conversationSid: string, assignments: Assignment[]) {
    const results = await Promise.allSettled(assignments.map((a) => addParticipant(deps, conversationSid, a)));
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    return results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
}

function createParams(deps: SessionDeps, request: SessionRequest): ConversationCreateParams {
    const params: ConversationCreateParams = {};
    if (request.friendlyName !== undefined) params.friendlyName = request.friendlyName;
    if (request.uniqueName !== undefined) params.uniqueName = request.uniqueName;
    if (request.attributes !== undefined) params.attributes = request.attributes;
    const messagingServiceSid = request.messagingServiceSid ?? deps.messagingServiceSid;
    if (messagingServiceSid !== undefined) params.messagingServiceSid = messagingServiceSid;
    if (request.state !== undefined) params.state = request.state;
    if (request.timers.inactive !== undefined) params["timers.inactive"] = request.timers.inactive;
    if (request.timers.closed !== undefined) params["timers.closed"] = request.timers.closed;
    return params;
}

/** Attaches the conversation to an error answer, saying whether it was rolled back. */
function sessionFailure(error: unknown, conversationSid: string, rolledBack: boolean): unknown {
    if (!(error instanceof ProxyError) && !(error instanceof TwilioCallError)) return error;
    const failure = twilioFailure(error);
    const note = rolledBack ? "the conversation was deleted" : "the conversation was kept";
    return new ProxyError(
        failure.status,
        failure.code,
        `${failure.message} (${note})`,
        { ...failure.details, conversationSid },
        failure.headers,
    );
}

async function rollback(deps: SessionDeps, conversationSid: string): Promise<boolean> {
    try {
        await deps.conversations.remove(conversationSid);
        deps.logger.info("Rolled back a half-built conversation", { conversationSid });
        return true;
    } catch (error) {
        deps.logger.error("Rollback failed: a half-built conversation is left in Twilio", { conversationSid, error });
        return false;
    }
}

/** Creates a conversation and its participants; deletes the conversation if any participant fails. */
async function createNew(deps: SessionDeps, request: SessionRequest): Promise<SessionResponse> {
    const assignments = await assignFirstChoices(deps, request.addresses);
    try {
        const conversation = await deps.conversations.create(createParams(deps, request));
        try {
            const participants = await addAll(deps, conversation.sid, assignments);
            deps.logger.info("Session created", {
                conversationSid: conversation.sid,
                participants: participants.map((p) => ({ address: p.address, proxyAddress: p.proxyAddress })),
            });
            return toSessionResponse(conversation, participants, true);
        } catch (error) {
            throw sessionFailure(error, conversation.sid, await rollback(deps, conversation.sid));
        }
    } finally {
        for (const assignment of assignments) assignment.picker.releaseAll();
    }
}

/**
 * Returns an existing (not closed) conversation for a replayed request, first adding any requested
 * participant it lacks (left over when an earlier attempt died half-way). Never deletes it.
 */
async function reuse(
    deps: SessionDeps,
    conversation: TwilioConversation,
    request: SessionRequest,
): Promise<SessionResponse> {
    if (conversation.state === "closed") {
        throw new ProxyError(
            409,
            "conversation_closed",
            `The conversation with uniqueName "${request.uniqueName}" is closed; a new session needs a new uniqueName`,
            { conversationSid: conversation.sid },
        );
    }
    const existing = await deps.conversations.smsParticipants(conversation.sid);
    const present = new Set(existing.map((participant) => participant.address));
    const missing = request.addresses.filter((address) => !present.has(address));
    let added: SessionParticipant[] = [];
    if (missing.length > 0) {
        const assignments = await assignFirstChoices(deps, missing);
        try {
            added = await addAll(deps, conversation.sid, assignments);
        } catch (error) {
            throw sessionFailure(error, conversation.sid, false);
        } finally {
            for (const assignment of assignments) assignment.picker.releaseAll();
        }
    }
    deps.logger.info("Returning the existing conversation for a repeated uniqueName", {
        conversationSid: conversation.sid,
        addedParticipants: added.length,
    });
    return toSessionResponse(conversation, [...existing, ...added], false);
}

async function createOrReuse(deps: SessionDeps, request: SessionRequest, uniqueName: string) {
    const existing = await deps.conversations.findByUniqueName(uniqueName);
    if (existing) return reuse(deps, existing, request);
    try {
        return await createNew(deps, request);
    } catch (error) {
        // Another process created it between our lookup and our create.
        if (!isUniqueNameTaken(error)) throw error;
        const winner = await deps.conversations.findByUniqueName(uniqueName);
        if (!winner) throw error;
        return reuse(deps, winner, request);
    }
}

/**
 * `POST /sessions`: one Twilio conversation with a proxy number per participant, nearest free pool
 * number first. With a `uniqueName`, a repeated request returns the conversation the first one made.
 */
export function createSession(deps: SessionDeps, request: SessionRequest): Promise<SessionResponse> {
    const uniqueName = request.uniqueName;
    if (uniqueName === undefined) return createNew(deps, request);
    return deps.uniqueNames.run(uniqueName, () => createOrReuse(deps, request, uniqueName));
}
