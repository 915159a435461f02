/**
 * Reads Twilio messaging bindings. The SDK passes nested binding objects through untouched, so their keys
 * are snake_case (`proxy_address`); camelCase is accepted too in case a stand-in sends it.
 */
export interface MessagingBinding {
    address: string | undefined;
    proxyAddress: string | undefined;
}

function stringField(record: object, ...keys: string[]): string | undefined {
    for (const key of keys) {
        const value: unknown = Reflect.get(record, key);
        if (typeof value === "string" && value !== "") return value;
    }
    return undefined;
}

export function readBinding(raw: unknown): MessagingBinding {
    if (!raw || typeof raw !== "object") return { address: undefined, proxyAddress: undefined };
    return {
        address: stringField(raw, "address"),
        proxyAddress: stringField(raw, "proxy_address", "proxyAddress"),
    };
}
