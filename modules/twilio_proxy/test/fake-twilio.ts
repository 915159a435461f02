/**
 * An in-memory Twilio with the shape of the slice the proxy calls (`TwilioApi`). It keeps conversations
 * and participants, enforces Twilio's rules the proxy depends on (unique names → 50353, one non-closed
 * conversation per (address, proxy address) pair → 50416, unknown resources → 404/20404), records every
 * call, and can be scripted to fail.
 */
import twilio from "twilio";
import type {
    ConversationCreateParams,
    ConversationHandle,
    ConversationsResource,
    ParticipantCreateParams,
    TwilioApi,
    TwilioConversation,
    TwilioParticipant,
    TwilioParticipantConversation,
    TwilioServiceNumber,
} from "../src/twilio/api";

export const ACCOUNT_SID = `AC${"0".repeat(31)}1`;
export const MESSAGING_SERVICE_SID = `MG${"0".repeat(31)}1`;

export type FakeOp =
    | "pool.list"
    | "conversations.create"
    | "conversations.fetch"
    | "conversations.remove"
    | "participants.create"
    | "participants.list"
    | "participantConversations.list";

export interface FakeCall {
    op: FakeOp;
    args: Record<string, unknown>;
}

export interface FakeParticipant {
    sid: string;
    address: string;
    proxyAddress: string;
}

export interface FakeConversation {
    sid: string;
    uniqueName: string | null;
    friendlyName: string | null;
    attributes: string;
    state: "active" | "inactive" | "closed";
    messagingServiceSid: string;
    timers: { inactive?: string; closed?: string };
    dateCreated: Date;
    participants: FakeParticipant[];
}

/** Builds the SDK's own error type, as the real client throws it. */
export function twilioError(status: number, code: number, message: string): Error {
    return new twilio.RestException({
        statusCode: status,
        body: { status, code, message, more_info: `https://www.twilio.com/docs/errors/${code}` },
    });
}

export const rateLimited = () => twilioError(429, 20429, "Too Many Requests");

/** A scripted failure: an error for the next call, or a rule that may fail any call (return undefined to pass). */
type Script = Error | ((args: Record<string, unknown>) => Error | undefined);

export class FakeTwilio implements TwilioApi {
    readonly calls: FakeCall[] = [];
    /** Every error the fake answered with, scripted or not. */
    readonly errors: { op: FakeOp; code: number | undefined }[] = [];
    readonly store = new Map<string, FakeConversation>();
    /** Milliseconds each call waits before answering, so concurrent requests interleave. */
    latencyMs = 0;
    private readonly scripts = new Map<FakeOp, Script[]>();
    private readonly rules = new Map<FakeOp, Script[]>();
    private counter = 0;

    constructor(public poolNumbers: string[] = []) {}

    /** The next calls of `op` fail with these errors, in order. */
    failNext(op: FakeOp, ...errors: Error[]): this {
        this.scripts.set(op, [...(this.scripts.get(op) ?? []), ...errors]);
        return this;
    }

    /** Every call of `op` is offered to `rule` first; a returned error fails the call. */
    failWhen(op: FakeOp, rule: (args: Record<string, unknown>) => Error | undefined): this {
        this.rules.set(op, [...(this.rules.get(op) ?? []), rule]);
        return this;
    }

    callsOf(op: FakeOp): FakeCall[] {
        return this.calls.filter((call) => call.op === op);
    }

    /** Puts a conversation straight into the store (no calls recorded). */
    seed(input: {
        participants: { address: string; proxyAddress: string }[];
        state?: FakeConversation["state"];
        uniqueName?: string;
    }): FakeConversation {
        const conversation = this.newConversation({ uniqueName: input.uniqueName }, input.state ?? "active");
        for (const participant of input.participants) {
            conversation.participants.push({ sid: this.nextSid("MB"), ...participant });
        }
        return conversation;
    }

    /** Non-closed conversations holding the (address, proxy) pair. */
    openConversationsWithPair(address: string, proxyAddress: string): FakeConversation[] {
        return [...this.store.values()].filter(
            (conversation) =>
                conversation.state !== "closed" &&
                conversation.participants.some((p) => p.address === address && p.proxyAddress === proxyAddress),
        );
    }

    // ---- the TwilioApi surface ----

    readonly conversations: TwilioApi["conversations"] = {
        v1: {
            conversations: Object.assign((sidOrUniqueName: string) => this.handle(sidOrUniqueName), {
                create: (params: ConversationCreateParams) => this.createConversation(params),
            }) satisfies ConversationsResource,
            participantConversations: {
                list: (params: { address: string }) => this.listParticipantConversations(params.address),
            },
        },
    };

    readonly messaging: TwilioApi["messaging"] = {
        v1: {
            services: (serviceSid: string) => ({
                phoneNumbers: {
                    list: () =>
                        this.answer("pool.list", { serviceSid }, (): TwilioServiceNumber[] =>
                            this.poolNumbers.map((phoneNumber) => ({ phoneNumber })),
                        ),
                },
            }),
        },
    };

    // ---- internals ----

    private nextSid(prefix: string): string {
        this.counter += 1;
        return `${prefix}${this.counter.toString(16).padStart(32, "0")}`;
    }

    private async answer<T>(op: FakeOp, args: Record<string, unknown>, run: () => T): Promise<T> {
        this.calls.push({ op, args });
        if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
        else await Promise.resolve();
        const scripted = this.scripts.get(op)?.shift();
        const ruled = this.rules
            .get(op)
            ?.map((rule) => (rule instanceof Error ? rule : rule(args)))
            .find((error) => error !== undefined);
        const failure = scripted instanceof Error ? scripted : (scripted?.(args) ?? ruled);
        try {
            if (failure) throw failure;
            return run();
        } catch (error) {
            const code: unknown = error instanceof Error ? Reflect.get(error, "code") : undefined;
            this.errors.push({ op, code: typeof code === "number" ? code : undefined });
            throw error;
        }
    }

    private newConversation(params: ConversationCreateParams, state: FakeConversation["state"]): FakeConversation {
        const conversation: FakeConversation = {
            sid: this.nextSid("CH"),
            uniqueName: params.uniqueName ?? null,
            friendlyName: params.friendlyName ?? null,
            attributes: params.attributes ?? "{}",
            state,
            messagingServiceSid: params.messagingServiceSid ?? MESSAGING_SERVICE_SID,
            timers: { inactive: params["timers.inactive"], closed: params["timers.closed"] },
            dateCreated: new Date(),
            participants: [],
        };
        this.store.set(conversation.sid, conversation);
        return conversation;
    }

    private toInstance(conversation: FakeConversation): TwilioConversation {
        return {
            sid: conversation.sid,
            accountSid: ACCOUNT_SID,
            chatServiceSid: `IS${"0".repeat(31)}1`,
            messagingServiceSid: conversation.messagingServiceSid,
            friendlyName: conversation.friendlyName,
            uniqueName: conversation.uniqueName,
            attributes: conversation.attributes,
            state: conversation.state,
            timers: { date_inactive: null, date_closed: null },
            dateCreated: conversation.dateCreated,
            dateUpdated: conversation.dateCreated,
            url: `https://conversations.twilio.com/v1/Conversations/${conversation.sid}`,
        };
    }

    private find(sidOrUniqueName: string): FakeConversation {
        const found =
            this.store.get(sidOrUniqueName) ??
            [...this.store.values()].find((conversation) => conversation.uniqueName === sidOrUniqueName);
        if (!found)
            throw twilioError(404, 20404, `The requested resource /Conversations/${sidOrUniqueName} was not found`);
        return found;
    }

    private createConversation(params: ConversationCreateParams): Promise<TwilioConversation> {
        return this.answer("conversations.create", { ...params }, () => {
            const taken =
                params.uniqueName !== undefined &&
                [...this.store.values()].some((conversation) => conversation.uniqueName === params.uniqueName);
            if (taken) throw twilioError(409, 50353, "Conversation with provided unique name already exists");
            return this.toInstance(this.newConversation(params, params.state ?? "active"));
        });
    }

    private handle(sidOrUniqueName: string): ConversationHandle {
        return {
            fetch: () =>
                this.answer("conversations.fetch", { sid: sidOrUniqueName }, () =>
                    this.toInstance(this.find(sidOrUniqueName)),
                ),
            remove: () =>
                this.answer("conversations.remove", { sid: sidOrUniqueName }, () =>
                    this.store.delete(this.find(sidOrUniqueName).sid),
                ),
            participants: {
                create: (params: ParticipantCreateParams) => this.addParticipant(sidOrUniqueName, params),
                list: () =>
                    this.answer("participants.list", { sid: sidOrUniqueName }, (): TwilioParticipant[] =>
                        this.find(sidOrUniqueName).participants.map((p) => ({
                            sid: p.sid,
                            messagingBinding: { type: "sms", address: p.address, proxy_address: p.proxyAddress },
                        })),
                    ),
            },
        };
    }

    private addParticipant(sid: string, params: ParticipantCreateParams): Promise<TwilioParticipant> {
        const address = params["messagingBinding.address"];
        const proxyAddress = params["messagingBinding.proxyAddress"];
        return this.answer("participants.create", { sid, address, proxyAddress }, () => {
            const conversation = this.find(sid);
            if (!this.poolNumbers.includes(proxyAddress)) {
                throw twilioError(400, 50407, "Invalid messaging binding proxy address");
            }
            if (this.openConversationsWithPair(address, proxyAddress).length > 0) {
                throw twilioError(409, 50416, "A binding for this participant and proxy address already exists");
            }
            const participant = { sid: this.nextSid("MB"), address, proxyAddress };
            conversation.participants.push(participant);
            return {
                sid: participant.sid,
                messagingBinding: { type: "sms", address, proxy_address: proxyAddress },
            };
        });
    }

    private listParticipantConversations(address: string): Promise<TwilioParticipantConversation[]> {
        return this.answer("participantConversations.list", { address }, () =>
            [...this.store.values()].flatMap((conversation) =>
                conversation.participants
                    .filter((participant) => participant.address === address)
                    .map((participant) => ({
                        conversationSid: conversation.sid,
                        conversationState: conversation.state,
                        participantMessagingBinding: {
                            type: "sms",
                            address,
                            proxy_address: participant.proxyAddress,
                        },
                    })),
            ),
        );
    }
}
