/**
 * Realistic needs and offers for the benchmarks, pushed through the sync API by the municipality
 * that owns them (so the server's rules and meta apply as for a phone's writes).
 */
import { randomUUID } from 'node:crypto';
import { CATEGORIES, COUNTABLE_UNITS, URGENCIES } from '../../domain/constants';
import type { Need, Offer } from '../../domain/schemas/index';
import { Browser as ApiClient } from '../../tests/integration/support/browser';
import { verifiedMunicipality, type Account } from '../../tests/e2e/support/accounts';

/** First-level units the generated needs are spread over. */
export const OBLASTS = ['UA46', 'UA63', 'UA80', 'UA32', 'UA48', 'UA53', 'UA59', 'UA71', 'UA12', 'UA23'];
const TITLES = ['Генератори дизельні', 'Ліки для лікарні', 'Питна вода', 'Ковдри для укриття', 'Екскаватор', 'Ноутбуки для школи', 'Цемент', 'Пожежна машина'];
const OFFER_TITLES = ['Stromgeneratoren', 'Medikamente', 'Trinkwasser', 'Decken', 'Bagger', 'Laptops', 'Zement', 'Feuerwehrauto'];
const DAY = 86_400_000;

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

/** `count` open needs of one municipality, numbered from `start`. */
export function makeNeeds(municipalityId: string, count: number, start: number): Need[] {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index;
    const unit = COUNTABLE_UNITS[n % COUNTABLE_UNITS.length]!;
    return {
      id: randomUUID(),
      municipalityId,
      category: CATEGORIES[n % CATEGORIES.length]!,
      title: `${TITLES[n % TITLES.length]!} ${n}`,
      description: `Потреба номер ${n}: опис для пошуку та фільтрів, достатньо довгий, щоб нагадувати справжній текст.`,
      language: 'uk',
      quantity: 1 + (n % 200),
      unit,
      urgency: URGENCIES[n % URGENCIES.length]!,
      neededBy: day(3 + (n % 90)),
      place: { settlement: 'Київ', pcode: OBLASTS[n % OBLASTS.length]!, lat: 50.45, lon: 30.52 },
      status: 'open',
      updatedAt: Date.now(),
    } satisfies Need;
  });
}

/** `count` open offers of one municipality, numbered from `start`. */
export function makeOffers(municipalityId: string, count: number, start: number): Offer[] {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index;
    return {
      id: randomUUID(),
      municipalityId,
      category: CATEGORIES[n % CATEGORIES.length]!,
      title: `${OFFER_TITLES[n % OFFER_TITLES.length]!} ${n}`,
      description: `Angebot Nummer ${n} mit einer Beschreibung, die so lang ist wie eine echte.`,
      language: 'de',
      quantity: 1 + (n % 300),
      unit: COUNTABLE_UNITS[n % COUNTABLE_UNITS.length]!,
      availableUntil: day(30 + (n % 200)),
      deliveryOptions: ['to-border', 'to-city'],
      place: { settlement: 'Nürnberg', country: 'DE' },
      status: 'open',
      updatedAt: Date.now(),
    } satisfies Offer;
  });
}

/** Pushes `docs` as `account`, 200 per request; fails on any refusal. */
export async function pushAll(serverUrl: string, account: Account, collection: 'needs' | 'offers', docs: readonly (Need | Offer)[]): Promise<void> {
  const client = new ApiClient(() => serverUrl);
  const login = await client.login(account.email, account.password);
  if (login.status !== 200) throw new Error(`sign-in of ${account.email} answered ${login.status}`);
  for (let start = 0; start < docs.length; start += 200) {
    const rows = docs.slice(start, start + 200).map((doc) => ({ newDocumentState: doc }));
    const answer = await client.request<{ conflicts: unknown[]; refused: unknown[] }>('POST', `/api/sync/${collection}/push`, rows);
    if (answer.status !== 200 || answer.body.refused.length > 0) throw new Error(`push of ${collection} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
  }
}

/** The cities a bench seeds: four verified Ukrainian municipalities that own the needs, and the partner city whose phone is measured. */
export type SeededCities = { ukraine: Account[]; partner: Account };

/**
 * Seeds a fresh server as the browser benches need it: four verified Ukrainian municipalities
 * (oblasts OBLASTS[0..3]) with `needs` open needs spread evenly over them, pushed through the sync
 * API, and a verified partner city (Nürnberg) that owns none, whose member signs in on the phone.
 */
export async function seedPartnerAndNeeds(serverUrl: string, needs: number): Promise<SeededCities> {
  const ukraine = await Promise.all(
    [0, 1, 2, 3].map((n) => verifiedMunicipality(serverUrl, { nameUk: `Громада ${n}`, nameLatin: `Hromada ${n}`, adm1: OBLASTS[n]! })),
  );
  const partner = await verifiedMunicipality(serverUrl, { nameUk: 'Нюрнберг', nameLatin: 'Nürnberg', country: 'DE', adm1: 'DE-BY', location: { lat: 49.45, lon: 11.08 } });
  await pushSpread(serverUrl, ukraine, 'needs', needs, 0);
  return { ukraine, partner };
}

/**
 * Pushes `count` generated documents of `collection`, numbered from `start`, spread evenly over
 * `cities` (each pushes its own share).
 */
export async function pushSpread(serverUrl: string, cities: readonly Account[], collection: 'needs' | 'offers', count: number, start: number): Promise<void> {
  const perCity = Math.ceil(count / cities.length);
  for (const [index, city] of cities.entries()) {
    const share = Math.min(perCity, count - index * perCity);
    if (share <= 0) continue;
    const make = collection === 'needs' ? makeNeeds : makeOffers;
    await pushAll(serverUrl, city, collection, make(city.profile.municipality!.id, share, start + index * perCity));
  }
}
