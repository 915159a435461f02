/**
 * Twilio's standard opt-out handling: a single-word message (any case, surrounding spaces ignored) that is an
 * opt-out keyword blocks the sender, an opt-in keyword lifts the block. Other messages are not keywords.
 */
export type OptOutKeyword = "STOP" | "START";

const KEYWORDS = new Map<string, OptOutKeyword>([
    ...["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"].map((k): [string, OptOutKeyword] => [k, "STOP"]),
    ...["START", "YES", "UNSTOP"].map((k): [string, OptOutKeyword] => [k, "START"]),
]);

/** The keyword a message body is, or undefined for an ordinary message. */
export function optOutKeyword(body: string | null): OptOutKeyword | undefined {
    return body === null ? undefined : KEYWORDS.get(body.trim().toUpperCase());
}

/** Twilio's error code for a send to a recipient who opted out ("the customer has replied with STOP"). */
export const OPTED_OUT_ERROR = 21610;
