/** What a keyword text does to the (phone, pool number) opt-out. */
export type OptOutType = "STOP" | "START" | "HELP";

/** Twilio's default opt-out keywords: a message that is exactly one of them (any case) is a keyword. */
const KEYWORDS = new Map<string, OptOutType>([
    ...["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"].map((k): [string, OptOutType] => [k, "STOP"]),
    ...["START", "YES", "UNSTOP"].map((k): [string, OptOutType] => [k, "START"]),
    ...["HELP", "INFO"].map((k): [string, OptOutType] => [k, "HELP"]),
]);

/** The `OptOutType` of an inbound text, or undefined for an ordinary message. */
export function optOutType(body: string): OptOutType | undefined {
    return KEYWORDS.get(body.trim().toUpperCase());
}
