/**
 * Small factories for valid domain documents: a test states only what matters to it
 * (`makeNeed({ urgency: 'critical' })`) and gets a schema-valid rest.
 */
import type {
  Contact,
  Member,
  Message,
  Municipality,
  Need,
  Offer,
  Photo,
  Pledge,
  PledgeEvent,
} from '../../domain/schemas/index';
import { messageThreadId } from '../../domain/rules/message-thread';
import type { DocumentOfEvery, EveryCollectionName } from '../../domain/schemas/index';

export const KYIV = 'muni-kyiv-0001';
export const LVIV = 'muni-lviv-0001';
export const MUNICH = 'muni-munich-01';
export const KRAKOW = 'muni-krakow-01';

/** 2026-03-01T00:00:00Z, a fixed "now" for tests. */
export const T0 = Date.UTC(2026, 2, 1);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function makeMunicipality(overrides: Partial<Municipality> = {}): Municipality {
  return {
    id: KYIV,
    nameUk: 'Київ',
    nameLatin: 'Kyiv',
    country: 'UA',
    adm1: 'UA80',
    kind: 'city',
    population: 2_950_000,
    location: { lat: 50.45, lon: 30.52 },
    verification: { status: 'verified' },
    partnerIds: [MUNICH],
    languages: ['uk', 'en'],
    updatedAt: T0,
    ...overrides,
  };
}

export function makeMember(overrides: Partial<Member> = {}): Member {
  return {
    id: 'member-olena-01',
    municipalityId: KYIV,
    displayName: 'Олена Коваленко',
    role: 'official',
    languages: ['uk'],
    status: 'active',
    updatedAt: T0,
    ...overrides,
  };
}

export function makeContact(overrides: Partial<Contact> = {}): Contact {
  return { id: 'contact-olena-01', memberId: 'member-olena-01', email: 'olena@kyiv.example', phone: '+380441234567', updatedAt: T0, ...overrides };
}

export function makeNeed(overrides: Partial<Need> = {}): Need {
  return {
    id: 'need-generators-01',
    municipalityId: KYIV,
    category: 'energy',
    title: 'Diesel generators for the water pumps',
    description: 'Two pumping stations lose power during outages.',
    language: 'en',
    quantity: 10,
    unit: 'pieces',
    urgency: 'high',
    neededBy: '2026-03-15',
    place: { settlement: 'Kyiv', pcode: 'UA80', lat: 50.45, lon: 30.52 },
    status: 'open',
    updatedAt: T0,
    ...overrides,
  };
}

export function makeOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: 'offer-generators-01',
    municipalityId: MUNICH,
    category: 'energy',
    title: '8 diesel generators, 20 kW',
    description: 'Serviced, with cables.',
    language: 'en',
    quantity: 8,
    unit: 'pieces',
    availableUntil: '2026-04-30',
    deliveryOptions: ['to-border', 'to-city'],
    place: { settlement: 'München', country: 'DE', pcode: 'DE-BY', lat: 48.14, lon: 11.58 },
    status: 'open',
    updatedAt: T0,
    ...overrides,
  };
}

export function makePledge(overrides: Partial<Pledge> = {}): Pledge {
  return {
    id: 'pledge-generators-01',
    needId: 'need-generators-01',
    offerId: 'offer-generators-01',
    fromMunicipalityId: MUNICH,
    toMunicipalityId: KYIV,
    quantity: 8,
    unit: 'pieces',
    expectedDispatchOn: '2026-03-05',
    expiresAt: T0 + 14 * DAY,
    updatedAt: T0,
    ...overrides,
  };
}

let eventCounter = 0;

/** An event of the default pledge; `by` picks the writing party (sender unless it is a receipt). */
export function makeEvent(kind: PledgeEvent['kind'], overrides: Partial<PledgeEvent> & { by?: 'sender' | 'receiver' } = {}): PledgeEvent {
  const { by = kind === 'received' ? 'receiver' : 'sender', ...rest } = overrides;
  eventCounter += 1;
  return {
    id: `event-${String(eventCounter).padStart(6, '0')}`,
    pledgeId: 'pledge-generators-01',
    kind,
    ...(kind === 'received' ? { quantity: 8 } : {}),
    byMemberId: by === 'sender' ? 'member-hans-001' : 'member-olena-01',
    byMunicipalityId: by === 'sender' ? MUNICH : KYIV,
    updatedAt: T0 + eventCounter,
    ...rest,
  };
}

export function makeMessage(overrides: Partial<Message> = {}): Message {
  const subjectId = overrides.subjectId ?? 'need-generators-01';
  const from = overrides.fromMunicipalityId ?? MUNICH;
  const to = overrides.toMunicipalityId ?? KYIV;
  return {
    id: 'message-0000001',
    threadId: messageThreadId(subjectId, from, to),
    subjectKind: 'need',
    subjectId,
    fromMunicipalityId: from,
    toMunicipalityId: to,
    authorMemberId: 'member-hans-001',
    body: 'We can send 8 generators next week.',
    language: 'en',
    updatedAt: T0,
    ...overrides,
  };
}

export function makePhoto(overrides: Partial<Photo> = {}): Photo {
  return {
    id: 'photo-0000001',
    ownerKind: 'pledgeEvent',
    ownerId: 'event-000001',
    mimeType: 'image/webp',
    size: 184_320,
    sha256: 'a'.repeat(64),
    width: 1280,
    height: 960,
    updatedAt: T0,
    ...overrides,
  };
}

/** One valid document of every collection (a receipt with a photo and a note for pledge events). */
export function oneOfEach(): { [Name in EveryCollectionName]: DocumentOfEvery[Name] } {
  return {
    municipalities: makeMunicipality(),
    members: makeMember(),
    contacts: makeContact(),
    needs: makeNeed(),
    offers: makeOffer(),
    pledges: makePledge(),
    pledge_events: makeEvent('received', { photoIds: ['photo-0000001'], note: '8 arrived intact', language: 'uk' }),
    messages: makeMessage(),
    photos: makePhoto(),
  };
}
