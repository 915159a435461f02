import type { RouteHandler, RouteInput } from "../../core/router";
import { errorResponse, invalidParameter, TwilioError } from "./errors";

/** The form fields of a Twilio request (PascalCase and dotted keys; repeated keys keep every value). */
export class FormFields {
    private readonly fields = new Map<string, string[]>();

    constructor(body: unknown) {
        if (typeof body !== "object" || body === null) return;
        for (const [key, value] of Object.entries(body)) {
            if (typeof value === "string") this.fields.set(key, [value]);
            else if (Array.isArray(value))
                this.fields.set(
                    key,
                    value.filter((v) => typeof v === "string"),
                );
        }
    }

    /** The first value of a field, if present. */
    get(name: string): string | undefined {
        return this.fields.get(name)?.[0];
    }

    /** Every value of a repeated field. */
    all(name: string): string[] {
        return this.fields.get(name) ?? [];
    }

    has(name: string): boolean {
        return this.fields.has(name);
    }
}

/** A route input with its form fields parsed. */
export interface TwilioRouteInput extends RouteInput {
    form: FormFields;
}

/** The account SID and auth token every REST call must carry (HTTP Basic). */
export interface Credentials {
    accountSid: string;
    authToken: string;
}

function authorized(req: Request, credentials: Credentials): boolean {
    const header = req.headers.get("authorization") ?? "";
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match?.[1]) return false;
    try {
        return atob(match[1]) === `${credentials.accountSid}:${credentials.authToken}`;
    } catch {
        return false;
    }
}

/**
 * Wraps a Twilio REST handler: HTTP Basic auth must be the account SID and auth token (else 401, code
 * 20003), and a thrown {@link TwilioError} becomes Twilio's error body.
 */
export function twilioRoute(
    credentials: Credentials,
    handler: (input: TwilioRouteInput) => Response | Promise<Response>,
): RouteHandler {
    return async (input) => {
        if (!authorized(input.req, credentials)) {
            return errorResponse(new TwilioError(401, 20003, "Authentication Error - invalid username"));
        }
        try {
            return await handler({ ...input, form: new FormFields(input.body) });
        } catch (error) {
            if (error instanceof TwilioError) return errorResponse(error);
            throw error;
        }
    };
}

/** A path parameter the route pattern guarantees. */
export function param(input: RouteInput, name: string): string {
    const value = input.params[name];
    if (value === undefined) throw invalidParameter(`Missing path parameter ${name}`);
    return value;
}

/** A string field holding valid JSON (Twilio's `Attributes`). */
export function jsonAttributes(value: string | undefined, fallback: string): string {
    if (value === undefined) return fallback;
    try {
        JSON.parse(value);
    } catch {
        throw invalidParameter("Attributes must be a string holding valid JSON");
    }
    return value;
}

/** The empty 204 Twilio answers a DELETE with. */
export const noContent = () => new Response(null, { status: 204 });
