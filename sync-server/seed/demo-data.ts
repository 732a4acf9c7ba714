/**
 * The demo platform of `npm run seed`, generated without I/O from a seed and a clock so it can be
 * unit-tested. Guarantees:
 * - deterministic: the same `seed` and `now` give the same documents, ids included (UUIDs drawn
 *   from a small seeded PRNG), so a bug seen in the demo can be reproduced;
 * - every id starts with DEMO_ID_PREFIX and every demo account's email ends with
 *   `@${DEMO_EMAIL_DOMAIN}`, which is how the seed tells its own data from real data;
 * - the documents are what the server would have stored: `meta` set as a push sets it (createdBy,
 *   createdAt, serverUpdatedAt, updatedBy, publishedAt once out of draft), `updatedAt` never after
 *   `now`; pledges go from a partner city to an open need's municipality for at most the need's
 *   quantity and expire after `now`; their events are written by the party each kind belongs to, in
 *   an order the pledge-status rule applies without ignoring any; message threads use the derived
 *   thread id. Schema validation happens before writing (seed.ts), not here.
 */
import cyrillicToTranslit from 'cyrillic-to-translit-js';
import type { DocumentOf } from '../../domain/collections';
import { CATEGORIES, COUNTABLE_UNITS, type Category, type MemberRole, type NeedStatus, type OfferStatus, type Unit, type Urgency } from '../../domain/constants';
import { messageThreadId } from '../../domain/rules/message-thread';
import type { Contact } from '../../domain/schemas/contact';
import type { Member } from '../../domain/schemas/member';
import type { Message } from '../../domain/schemas/message';
import type { Municipality } from '../../domain/schemas/municipality';
import type { Need } from '../../domain/schemas/need';
import type { Offer } from '../../domain/schemas/offer';
import type { Pledge } from '../../domain/schemas/pledge';
import type { PledgeEvent } from '../../domain/schemas/pledge-event';
import type { AccountOrigin } from '../auth/accounts';
import { MODERATORS_MUNICIPALITY_ID } from '../auth/constants';
import { NEED_CONTEXT, NEED_ITEMS, OFFER_DESCRIPTION, OFFER_ITEMS, PEOPLE, PLEDGE_THREAD, type QuantityRange } from './catalog';
import { PARTNER_PLACES, UKRAINIAN_PLACES, type PartnerPlace, type UkrainianPlace } from './places';

/** Every demo document id starts with this (and matches the domain's ID_PATTERN). */
export const DEMO_ID_PREFIX = 'demo-';

/** Every demo account's email is `…@` this domain (`.example` is reserved: no mail goes anywhere). */
export const DEMO_EMAIL_DOMAIN = 'demo.cities4cities.example';

export const DEMO_COUNTS = { needs: 300, offers: 150, pledges: 60, messageThreads: 15 } as const;

/** The Ukrainian city whose coordinator, official and volunteer get accounts, and its partner whose coordinator does. */
export const DEMO_UA_CITY = 'kharkiv';
export const DEMO_PARTNER_CITY = 'nuernberg';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** A demo account to create through the server's account code; its member is in `documents.members`. */
export type DemoAccount = {
  email: string;
  role: MemberRole;
  memberId: Member['id'];
  municipalityId: string;
  /** For the printed table: the municipality's Latin name, or "platform" for the moderator. */
  municipalityName: string;
  createdVia: AccountOrigin;
};

/** The demo documents per collection, in an order where everything a document refers to comes first. */
export type DemoDocuments = {
  municipalities: Municipality[];
  members: Member[];
  contacts: Contact[];
  needs: Need[];
  offers: Offer[];
  pledges: Pledge[];
  pledge_events: PledgeEvent[];
  messages: Message[];
};

export type DemoData = { documents: DemoDocuments; accounts: DemoAccount[] };

/** mulberry32: a small, fast, seedable PRNG (not for secrets), with the helpers the generator needs. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A copy in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** A version-4 UUID drawn from this generator. */
  uuid(): string {
    const bytes = Array.from({ length: 16 }, () => this.int(0, 255));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

const COUNTABLE: readonly Unit[] = COUNTABLE_UNITS;

/** A quantity rounded to what its unit allows and people write (whole pieces, half tonnes, round litres). */
export function roundForUnit(unit: Unit, value: number): number {
  if (COUNTABLE.includes(unit)) return Math.max(1, Math.round(value));
  switch (unit) {
    case 'eur':
      return Math.max(1000, Math.round(value / 1000) * 1000);
    case 'tonnes':
    case 'person-days':
      return Math.max(0.5, Math.round(value * 2) / 2);
    default:
      return value >= 1000 ? Math.round(value / 100) * 100 : Math.max(1, Math.round(value));
  }
}

function quantityIn(range: QuantityRange, random: Random): number {
  return roundForUnit(range.unit, range.min + random.next() * (range.max - range.min));
}

/** A share of `total` (25–100 %), valid for the unit and never above `total`. */
function partOf(total: number, unit: Unit, random: Random): number {
  if (COUNTABLE.includes(unit)) return random.int(Math.max(1, Math.ceil(total / 4)), total);
  return Math.min(total, roundForUnit(unit, total * (0.25 + random.next() * 0.75)));
}

/** A calendar day (`2027-03-01`, UTC) of an instant. */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const translit = cyrillicToTranslit({ preset: 'uk' });

/** The official (KMU-2010) Latin spelling of a Ukrainian name: Запоріжжя → Zaporizhzhia. */
export function latinOf(nameUk: string): string {
  return translit.transform(nameUk);
}

function weighted<T extends string>(random: Random, weights: readonly (readonly [T, number])[]): T {
  let roll = random.next() * weights.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weights.at(-1)![0];
}

const NEED_STATUS_WEIGHTS = [['open', 76], ['fulfilled', 10], ['closed', 7], ['withdrawn', 3], ['draft', 4]] as const satisfies readonly (readonly [NeedStatus, number])[];
const OFFER_STATUS_WEIGHTS = [['open', 76], ['reserved', 10], ['exhausted', 9], ['withdrawn', 5]] as const satisfies readonly (readonly [OfferStatus, number])[];
const URGENCY_WEIGHTS = [['critical', 15], ['high', 30], ['medium', 35], ['low', 20]] as const satisfies readonly (readonly [Urgency, number])[];

type Meta = NonNullable<Need['meta']>;

/** `meta` as the server sets it on an accepted write. */
function metaOf(createdAt: number, createdBy: string, updatedAt: number, updatedBy: string, published: boolean): Meta {
  return { createdAt, createdBy, serverUpdatedAt: updatedAt, updatedBy, ...(published ? { publishedAt: createdAt } : {}) };
}

type Town = { municipality: Municipality; coordinator: Member; language: string };

/** Generates the demo platform; see the module header. `now` is the server's clock in ms. */
export function generateDemoData({ seed, now }: { seed: number; now: number }): DemoData {
  const random = new Random(seed);
  const newId = () => `${DEMO_ID_PREFIX}${random.uuid()}`;
  const clamp = (ms: number) => Math.min(Math.round(ms), now);
  const documents: DemoDocuments = { municipalities: [], members: [], contacts: [], needs: [], offers: [], pledges: [], pledge_events: [], messages: [] };
  const accounts: DemoAccount[] = [];

  const moderator: Member = {
    id: newId(),
    municipalityId: MODERATORS_MUNICIPALITY_ID,
    displayName: 'Demo Moderator',
    role: 'moderator',
    languages: ['uk', 'en'],
    status: 'active',
    updatedAt: now - 400 * DAY_MS,
    meta: { createdAt: now - 400 * DAY_MS, serverUpdatedAt: now - 400 * DAY_MS },
  };
  documents.members.push(moderator);
  accounts.push({ email: `moderator@${DEMO_EMAIL_DOMAIN}`, role: 'moderator', memberId: moderator.id, municipalityId: MODERATORS_MUNICIPALITY_ID, municipalityName: 'platform', createdVia: 'cli' });

  const ukrainian = new Map<string, Town>();
  const partners = new Map<string, Town & { place: PartnerPlace }>();

  function addMember(town: Pick<Town, 'municipality'>, role: MemberRole, displayName: string, languages: string[], createdAt: number): Member {
    const member: Member = {
      id: newId(),
      municipalityId: town.municipality.id,
      displayName,
      role,
      languages,
      status: 'active',
      updatedAt: createdAt + DAY_MS,
      meta: metaOf(createdAt, town.municipality.meta?.createdBy ?? moderator.id, createdAt + DAY_MS, moderator.id, false),
    };
    documents.members.push(member);
    return member;
  }

  function addMunicipality(fields: Omit<Municipality, 'id' | 'verification' | 'partnerIds' | 'updatedAt' | 'meta'>, language: string): Town {
    const createdAt = now - random.int(200, 420) * DAY_MS;
    const verifiedAt = createdAt + random.int(1, 4) * DAY_MS;
    const municipality: Municipality = { id: newId(), ...fields, verification: { status: 'verified' }, partnerIds: [], updatedAt: verifiedAt };
    const coordinatorId = newId();
    municipality.meta = metaOf(createdAt, coordinatorId, verifiedAt, moderator.id, false);
    documents.municipalities.push(municipality);
    const coordinator: Member = {
      id: coordinatorId,
      municipalityId: municipality.id,
      displayName: random.pick(PEOPLE[language as keyof typeof PEOPLE]),
      role: 'coordinator',
      languages: language === 'uk' ? ['uk', 'en'] : [language, 'en'],
      status: 'active',
      updatedAt: verifiedAt,
      meta: metaOf(createdAt, coordinatorId, verifiedAt, moderator.id, false),
    };
    documents.members.push(coordinator);
    return { municipality, coordinator, language };
  }

  for (const place of UKRAINIAN_PLACES) {
    const town = addMunicipality(
      {
        nameUk: place.nameUk,
        nameLatin: latinOf(place.nameUk),
        country: 'UA',
        adm1: place.pcode,
        kind: place.kind,
        population: place.population,
        location: { lat: place.lat, lon: place.lon },
        languages: place.population > 500_000 ? ['uk', 'en'] : ['uk'],
      },
      'uk',
    );
    ukrainian.set(place.key, town);
  }
  for (const place of PARTNER_PLACES) {
    const town = addMunicipality(
      {
        nameUk: place.nameUk,
        nameLatin: place.nameLatin,
        country: place.country,
        adm1: place.adm1,
        kind: 'city',
        population: place.population,
        location: { lat: place.lat, lon: place.lon },
        languages: [place.language, 'en'],
      },
      place.language,
    );
    partners.set(place.key, { ...town, place });
    for (const twinKey of place.twins) {
      const twin = ukrainian.get(twinKey);
      if (!twin) throw new Error(`places.ts: partner ${place.key} names an unknown twin ${twinKey}`);
      town.municipality.partnerIds!.push(twin.municipality.id);
      twin.municipality.partnerIds!.push(town.municipality.id);
    }
  }

  // The demo accounts: three people of one Ukrainian city, the coordinator of its twin city, the moderator.
  const uaTown = ukrainian.get(DEMO_UA_CITY)!;
  const partnerTown = partners.get(DEMO_PARTNER_CITY)!;
  const uaCreatedAt = uaTown.municipality.meta!.createdAt!;
  const official = addMember(uaTown, 'official', 'Ірина Мороз', ['uk', 'en'], uaCreatedAt + 5 * DAY_MS);
  const volunteer = addMember(uaTown, 'volunteer', 'Богдан Кушнір', ['uk'], uaCreatedAt + 9 * DAY_MS);
  const accountOf = (town: Town, member: Member, createdVia: AccountOrigin, key: string) => {
    accounts.push({ email: `${key}.${member.role}@${DEMO_EMAIL_DOMAIN}`, role: member.role, memberId: member.id, municipalityId: town.municipality.id, municipalityName: town.municipality.nameLatin, createdVia });
  };
  accountOf(uaTown, uaTown.coordinator, 'register', DEMO_UA_CITY);
  accountOf(uaTown, official, 'invitation', DEMO_UA_CITY);
  accountOf(uaTown, volunteer, 'invitation', DEMO_UA_CITY);
  accountOf(partnerTown, partnerTown.coordinator, 'register', DEMO_PARTNER_CITY);
  for (const account of accounts) {
    const member = documents.members.find((candidate) => candidate.id === account.memberId)!;
    documents.contacts.push({ id: newId(), memberId: member.id, email: account.email, updatedAt: member.updatedAt, meta: metaOf(member.updatedAt, member.id, member.updatedAt, member.id, false) });
  }

  const ukrainianPlaces = new Map(UKRAINIAN_PLACES.map((place) => [place.key, place] as const));
  const ukrainianKeys = [...ukrainian.keys()];
  const partnerKeys = [...partners.keys()];

  for (let i = 0; i < DEMO_COUNTS.needs; i++) {
    const category: Category = CATEGORIES[i % CATEGORIES.length]!;
    // Every tenth need is the demo city's, so its accounts have plenty to work with.
    const key = i % 10 === 0 ? DEMO_UA_CITY : random.pick(ukrainianKeys);
    const town = ukrainian.get(key)!;
    const place: UkrainianPlace = ukrainianPlaces.get(key)!;
    const item = random.pick(NEED_ITEMS[category]);
    const status = weighted(random, NEED_STATUS_WEIGHTS);
    const createdAt = now - random.int(2 * 24, 180 * 24) * HOUR_MS - random.int(0, HOUR_MS);
    const updatedAt = clamp(createdAt + random.int(0, 10 * 24) * HOUR_MS);
    const neededBy = status === 'open' || status === 'draft' ? now + random.int(7, 365) * DAY_MS : createdAt + random.int(14, 90) * DAY_MS;
    const spot = place.settlements ? random.pick(place.settlements) : { nameUk: place.nameUk, lat: place.lat, lon: place.lon };
    const author = key === DEMO_UA_CITY ? random.pick([town.coordinator, official]) : town.coordinator;
    const withoutQuantity = category === 'expertise' && random.chance(0.3);
    documents.needs.push({
      id: newId(),
      municipalityId: town.municipality.id,
      category,
      title: item.title,
      description: `${item.detail} ${random.pick(NEED_CONTEXT)}`,
      language: 'uk',
      ...(withoutQuantity ? {} : { quantity: quantityIn(item, random) }),
      unit: item.unit,
      urgency: weighted(random, URGENCY_WEIGHTS),
      neededBy: dayOf(neededBy),
      place: { settlement: spot.nameUk, pcode: place.pcode, lat: spot.lat, lon: spot.lon },
      status,
      updatedAt,
      meta: metaOf(createdAt, author.id, updatedAt, author.id, status !== 'draft'),
    });
  }

  for (let i = 0; i < DEMO_COUNTS.offers; i++) {
    const category: Category = CATEGORIES[i % CATEGORIES.length]!;
    const key = i % 15 === 0 ? DEMO_PARTNER_CITY : random.pick(partnerKeys);
    const town = partners.get(key)!;
    const item = random.pick(OFFER_ITEMS[category]);
    const status = weighted(random, OFFER_STATUS_WEIGHTS);
    const createdAt = now - random.int(2 * 24, 150 * 24) * HOUR_MS - random.int(0, HOUR_MS);
    const updatedAt = clamp(createdAt + random.int(0, 10 * 24) * HOUR_MS);
    const availableUntil = dayOf(now + random.int(30, 380) * DAY_MS);
    const delivery = random.shuffle(item.delivery).slice(0, random.int(1, item.delivery.length));
    const withoutQuantity = category === 'expertise' && random.chance(0.3);
    documents.offers.push({
      id: newId(),
      municipalityId: town.municipality.id,
      category,
      title: item.title[town.place.language],
      description: OFFER_DESCRIPTION[town.place.language].replace('{city}', town.place.nameLatin).replace('{until}', availableUntil),
      language: town.place.language,
      ...(withoutQuantity ? {} : { quantity: quantityIn(item, random) }),
      unit: item.unit,
      availableUntil,
      deliveryOptions: delivery,
      place: { settlement: town.place.nameLatin, country: town.place.country, pcode: town.place.adm1, lat: town.place.lat, lon: town.place.lon },
      status,
      updatedAt,
      meta: metaOf(createdAt, town.coordinator.id, updatedAt, town.coordinator.id, true),
    });
  }

  // Pledges: the twin city first pledges to the demo city's open needs; then partners (twins preferred) to other open needs.
  const townsById = new Map([...ukrainian.values(), ...partners.values()].map((town) => [town.municipality.id, town] as const));
  const pledgeable = random.shuffle(documents.needs.filter((need) => need.status === 'open' && need.quantity !== undefined));
  const demoCityFirst = [...pledgeable.filter((need) => need.municipalityId === uaTown.municipality.id).slice(0, 8)];
  const order = [...demoCityFirst, ...pledgeable.filter((need) => !demoCityFirst.includes(need))].slice(0, DEMO_COUNTS.pledges);
  const offerUsed = new Set<string>();
  order.forEach((need, index) => {
    const receiver = townsById.get(need.municipalityId)!;
    const twins = (receiver.municipality.partnerIds ?? []).map((id) => townsById.get(id)!);
    const sender = index < demoCityFirst.length ? partnerTown : twins.length > 0 && random.chance(0.6) ? random.pick(twins) : partners.get(random.pick(partnerKeys))!;
    let quantity = partOf(need.quantity!, need.unit, random);
    const offer = documents.offers.find(
      (candidate) =>
        candidate.municipalityId === sender.municipality.id && candidate.status === 'open' && candidate.category === need.category &&
        candidate.unit === need.unit && candidate.quantity !== undefined && !offerUsed.has(candidate.id),
    );
    if (offer) {
      offerUsed.add(offer.id);
      quantity = Math.min(quantity, offer.quantity!);
    }
    // At least six hours ago, so its events fit between the pledge and now.
    const createdAt = Math.min(now - 6 * HOUR_MS, Math.max(need.updatedAt, now - random.int(24, 20 * 24) * HOUR_MS));
    const pledge: Pledge = {
      id: newId(),
      needId: need.id,
      ...(offer ? { offerId: offer.id } : {}),
      fromMunicipalityId: sender.municipality.id,
      toMunicipalityId: receiver.municipality.id,
      quantity,
      unit: need.unit,
      expectedDispatchOn: dayOf(createdAt + random.int(3, 14) * DAY_MS),
      expiresAt: now + random.int(14, 60) * DAY_MS,
      updatedAt: createdAt,
      meta: metaOf(createdAt, sender.coordinator.id, createdAt, sender.coordinator.id, false),
    };
    documents.pledges.push(pledge);
    addPledgeEvents(pledge, index, sender, receiver);
    if (index < DEMO_COUNTS.messageThreads) addThread(pledge, index, sender, receiver);
  });

  function addPledgeEvents(pledge: Pledge, index: number, sender: Town, receiver: Town): void {
    const receiverMember = receiver === uaTown ? volunteer : receiver.coordinator;
    const half = COUNTABLE.includes(pledge.unit) ? Math.floor(pledge.quantity / 2) : roundForUnit(pledge.unit, pledge.quantity / 2);
    const partial = half >= 1 && half < pledge.quantity ? half : pledge.quantity;
    type Step = Pick<PledgeEvent, 'kind'> & Partial<Pick<PledgeEvent, 'quantity' | 'expiresAt' | 'note' | 'language'>> & { by: Member };
    const steps: Step[] = [];
    const dispatched: Step = { kind: 'dispatched', quantity: pledge.quantity, by: sender.coordinator };
    switch (index % 12) {
      case 0:
        steps.push(dispatched);
        break;
      case 1:
        steps.push(dispatched, { kind: 'delivered', quantity: pledge.quantity, by: sender.coordinator });
        break;
      case 2:
        steps.push(dispatched, { kind: 'delivered', quantity: pledge.quantity, by: sender.coordinator });
        steps.push({ kind: 'received', quantity: partial, note: 'Отримали першу частину, решту чекаємо наступним рейсом.', language: 'uk', by: receiverMember });
        break;
      case 3:
        steps.push(dispatched, { kind: 'received', quantity: pledge.quantity, note: 'Отримано повністю, дякуємо!', language: 'uk', by: receiverMember });
        break;
      case 4:
        steps.push({ kind: 'extended', expiresAt: pledge.expiresAt + 14 * DAY_MS, note: 'Transport delayed by two weeks.', language: 'en', by: sender.coordinator });
        break;
      case 5:
        // Declined by the receiver before dispatch: only later in the list, so the demo city's first pledges stay alive.
        if (index >= 12) steps.push({ kind: 'cancelled', note: 'Потребу вже закрито з іншого джерела.', language: 'uk', by: receiverMember });
        break;
    }
    const span = now - pledge.updatedAt;
    steps.forEach(({ by, ...step }, position) => {
      const at = pledge.updatedAt + Math.round((span * (position + 1)) / (steps.length + 1));
      documents.pledge_events.push({
        id: newId(),
        pledgeId: pledge.id,
        ...step,
        byMemberId: by.id,
        byMunicipalityId: by.municipalityId,
        updatedAt: at,
        meta: metaOf(at, by.id, at, by.id, false),
      });
    });
  }

  function addThread(pledge: Pledge, index: number, sender: Town, receiver: Town): void {
    const length = 2 + (index % 3);
    const span = now - pledge.updatedAt;
    const threadId = messageThreadId(pledge.id, sender.municipality.id, receiver.municipality.id);
    PLEDGE_THREAD.slice(0, length).forEach((template, position) => {
      const [from, to] = template.side === 'sender' ? [sender, receiver] : [receiver, sender];
      const at = pledge.updatedAt + Math.round((span * (position + 0.5)) / (length + 1));
      const body = template.body
        .replace('{from}', sender.municipality.nameLatin)
        .replace('{quantity}', String(pledge.quantity))
        .replace('{unit}', pledge.unit);
      documents.messages.push({
        id: newId(),
        threadId,
        subjectKind: 'pledge',
        subjectId: pledge.id,
        fromMunicipalityId: from.municipality.id,
        toMunicipalityId: to.municipality.id,
        authorMemberId: from.coordinator.id,
        body,
        language: template.language,
        updatedAt: at,
        meta: metaOf(at, from.coordinator.id, at, from.coordinator.id, false),
      });
    });
  }

  return { documents, accounts };
}

/** Number of documents per collection. */
export function countsOf(documents: Partial<Record<keyof DocumentOf, readonly unknown[]>>): Record<string, number> {
  return Object.fromEntries(Object.entries(documents).map(([collection, docs]) => [collection, docs.length]));
}
