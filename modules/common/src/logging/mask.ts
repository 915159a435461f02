// Digit runs inside identifiers (Twilio SIDs such as CH0000…0001, UUIDs) are not phone numbers.
const PHONE_LIKE = /(?<![A-Za-z0-9_-])\+?\d[\d\s().-]{7,}\d(?![A-Za-z0-9_])/g;

/** Masks every digit of a phone number except the last four: `+15551234567` → `+*******4567`. */
export function maskPhone(value: string): string {
    const digits = value.replace(/\D/g, "").length;
    let seen = 0;
    return value.replace(/\d/g, (d) => {
        seen += 1;
        return seen <= digits - 4 ? "*" : d;
    });
}

/** Masks every phone-number-like run of digits inside free text. */
export function maskPhonesInText(text: string): string {
    return text.replace(PHONE_LIKE, (match) => (match.replace(/\D/g, "").length >= 10 ? maskPhone(match) : match));
}

const SECRET_KEYS = /authorization|token|secret|password|api_?key/i;

/** Deep-copies a log payload, masking phone numbers in strings and redacting secret-looking keys. */
export function redact(value: unknown, depth = 0): unknown {
    if (depth > 6) return "[depth]";
    if (typeof value === "string") return maskPhonesInText(value);
    if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
    if (value instanceof Error) return { name: value.name, message: maskPhonesInText(value.message) };
    if (value && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1)]),
        );
    }
    return value;
}
