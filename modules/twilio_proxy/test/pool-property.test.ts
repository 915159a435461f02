/**
 * The pool algorithm on hundreds of generated participants, checked against an oracle that knows only
 * the geography: the chosen number is free for the participant, in its country, and no free number of
 * that country is nearer.
 */
import { SessionResponseSchema } from "common/twilio-proxy";
import { afterAll, describe, expect, it } from "vitest";
import { freeCandidates, ProxyPicker, ProxyReservations } from "../src/pool/choose-proxy";
import { AREA_CODES, distanceKm } from "../src/pool/geo";
import { classifyNumber } from "../src/pool/phone-region";
import { PoolSnapshot } from "../src/pool/pool-snapshot";
import { FakeTwilio } from "./fake-twilio";
import { startProxy, type TestProxy } from "./helpers";

/** Small seeded PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const SEED = 20261128;
const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error("empty list");
    return item;
};
const line = () => String(Math.floor(random() * 10_000)).padStart(4, "0");

const TABLE = [...AREA_CODES.values()];
const UNLISTED_NANP = ["800", "833", "888", "521"];

function generatePool(size: number): string[] {
    const areaCodes = Array.from({ length: 40 }, () => pick(TABLE).areaCode);
    const numbers = new Set<string>();
    while (numbers.size < size) {
        const areaCode = random() < 0.05 ? pick(UNLISTED_NANP) : pick(areaCodes);
        numbers.add(`+1${areaCode}555${line()}`);
    }
    // A few non-NANP numbers, which NANP participants must never get.
    numbers.add("+442071230000");
    numbers.add("+61291234567");
    return [...numbers];
}

function generateParticipant(): string {
    const areaCode = random() < 0.08 ? pick(UNLISTED_NANP) : pick(TABLE).areaCode;
    return `+1${areaCode}${String(200 + Math.floor(random() * 800))}${line()}`;
}

const classified = new Map<string, ReturnType<typeof classifyNumber>>();
function classify(number: string) {
    if (!classified.has(number)) classified.set(number, classifyNumber(number));
    return classified.get(number);
}
const countryOf = (number: string) => classify(number)?.country;
const placeOf = (number: string) => classify(number)?.place;

describe(`pool algorithm on generated participants (seed ${SEED})`, () => {
    const poolNumbers = generatePool(180);
    const snapshot = PoolSnapshot.build(poolNumbers).pool;
    const participants = Array.from({ length: 600 }, generateParticipant);

    it("always picks a free number of the participant's country, the nearest one, or reports exhaustion truthfully", {
        timeout: 30_000,
    }, () => {
        let chosenCount = 0;
        for (const participant of participants) {
            const country = countryOf(participant);
            const sameCountry = poolNumbers.filter((number) => countryOf(number) === country);
            // Busy: a random share (0–100 %) of the participant's country, plus some foreign noise.
            const share = random();
            const busy = new Set(
                [...sameCountry.filter(() => random() < share), ...poolNumbers.filter(() => random() < 0.05)].sort(),
            );
            const free = sameCountry.filter((number) => !busy.has(number));

            const ordered = snapshot.candidatesFor(participant);
            expect([...ordered].sort(), "candidates are exactly the country's pool").toEqual([...sameCountry].sort());

            const chosen = new ProxyPicker(participant, freeCandidates(ordered, busy), new ProxyReservations()).take();
            if (chosen === undefined) {
                expect(free, `${participant}: exhausted although numbers are free`).toEqual([]);
                continue;
            }
            chosenCount++;
            expect(busy.has(chosen), `${participant} got a number it already uses`).toBe(false);
            expect(countryOf(chosen), `${participant} got ${chosen} from another country`).toBe(country);

            const home = placeOf(participant);
            const freeLocated = free.filter((number) => placeOf(number) !== undefined);
            const chosenPlace = placeOf(chosen);
            if (home && freeLocated.length > 0) {
                expect(
                    chosenPlace,
                    `${participant} got an unlocated number while located ones were free`,
                ).toBeDefined();
                if (!chosenPlace) continue;
                const nearest = Math.min(...freeLocated.map((number) => distanceKm(home, placeOf(number) ?? home)));
                expect(distanceKm(home, chosenPlace)).toBeCloseTo(nearest, 6);
            } else if (!home) {
                const sameArea = free.filter((number) => number.slice(2, 5) === participant.slice(2, 5));
                if (sameArea.length > 0) expect(chosen.slice(2, 5)).toBe(participant.slice(2, 5));
            }
        }
        // The generator must exercise the interesting branch most of the time.
        expect(chosenCount).toBeGreaterThan(participants.length / 2);
    });

    it("is deterministic: the same pool in any order gives the same candidates", () => {
        const shuffled = [...poolNumbers].sort(() => random() - 0.5);
        const other = PoolSnapshot.build(shuffled).pool;
        for (const participant of participants.slice(0, 100)) {
            expect(other.candidatesFor(participant)).toEqual(snapshot.candidatesFor(participant));
        }
    });
});

describe("sessions end to end on generated participants", () => {
    const running: TestProxy[] = [];
    afterAll(async () => {
        await Promise.all(running.map((proxy) => proxy.close()));
    });

    it("never gives a participant two open conversations on the same proxy number", { timeout: 30_000 }, async () => {
        const stores = ["+12125559001", "+13125559001", "+14165559001"];
        const fake = new FakeTwilio(generatePool(120));
        const proxy = await startProxy({ fake });
        running.push(proxy);
        let created = 0;
        let exhausted = 0;
        for (let i = 0; i < 250; i++) {
            const customer = generateParticipant();
            if (stores.includes(customer)) continue;
            const response = await proxy.post({ addresses: [customer, pick(stores)] });
            if (response.status === 503) {
                exhausted++;
                await response.body?.cancel();
                continue;
            }
            expect(response.status).toBe(200);
            SessionResponseSchema.parse(await response.json());
            created++;
            // Close some conversations as Twilio's timers would, freeing their numbers.
            if (random() < 0.3) {
                const open = [...fake.store.values()].filter((conversation) => conversation.state !== "closed");
                const victim = pick(open);
                victim.state = "closed";
            }
        }
        expect(created).toBeGreaterThan(100);
        expect(created + exhausted).toBeGreaterThan(200);
        const pairs = new Map<string, number>();
        for (const conversation of fake.store.values()) {
            if (conversation.state === "closed") continue;
            for (const participant of conversation.participants) {
                const key = `${participant.address}|${participant.proxyAddress}`;
                pairs.set(key, (pairs.get(key) ?? 0) + 1);
            }
        }
        expect([...pairs.values()].every((count) => count === 1)).toBe(true);
        expect(fake.errors.filter((error) => error.code === 50416)).toEqual([]);
    });
});
