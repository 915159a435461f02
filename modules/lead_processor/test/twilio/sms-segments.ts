// How many SMS segments a text takes, as carriers count them: GSM-7 (160 characters alone, 153 per part of a
// split message; the extension characters take two) unless any character is outside GSM-7, then UCS-2 (70
// alone, 67 per part; characters beyond the Basic Multilingual Plane take two).

const GSM7_BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "^{}\\[~]|€\f";

export interface Segments {
    encoding: "GSM-7" | "UCS-2";
    units: number;
    segments: number;
}

export function smsSegments(text: string): Segments {
    const chars = [...text];
    const gsm = chars.every((c) => GSM7_BASIC.includes(c) || GSM7_EXTENSION.includes(c));
    if (gsm) {
        const units = chars.reduce((n, c) => n + (GSM7_EXTENSION.includes(c) ? 2 : 1), 0);
        return { encoding: "GSM-7", units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
    }
    const units = text.length; // UTF-16 code units: what UCS-2 (UTF-16 on handsets) sends
    return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
