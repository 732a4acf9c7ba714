/**
 * The municipalities of the offers screen tests: Munich and Kyiv verified, Kraków still pending
 * (its offers are not listed), and profiles of their members.
 */
import type { Offer } from '../../domain/schemas/offer';
import { KRAKOW, KYIV, MUNICH, makeId, makeMunicipality, makeOffer } from './factories';
import { makeProfile } from './profiles';

export const munich = makeMunicipality({
  id: MUNICH,
  nameUk: 'Мюнхен',
  nameLatin: 'München',
  country: 'DE',
  adm1: 'DE-BY',
  kind: 'city',
  location: { lat: 48.14, lon: 11.58 },
  partnerIds: [KYIV],
  languages: ['de', 'en'],
});
export const kyiv = makeMunicipality();
export const krakow = makeMunicipality({
  id: KRAKOW,
  nameUk: 'Краків',
  nameLatin: 'Kraków',
  country: 'PL',
  adm1: 'PL-12',
  location: { lat: 50.06, lon: 19.94 },
  verification: { status: 'pending' },
});

/** A verified official of Munich, the owner of the default offer. */
export const munichOfficial = () => makeProfile({ email: 'hans@muenchen.example', municipality: munich, member: { id: 'member-hans-001', displayName: 'Hans' } });
/** A verified official of Kyiv, reading Munich's offers. */
export const kyivOfficial = () => makeProfile();

let stamp = 0;

/** An offer with a new id and a later `updatedAt` (and posting time) than the previous one. */
export function freshOffer(overrides: Partial<Offer> = {}): Offer {
  stamp += 1;
  return makeOffer({ id: makeId(), updatedAt: 1_790_000_000_000 + stamp, ...overrides });
}

/** What a screen hands to saveDocument: the clock sets `updatedAt`. */
export function input<T extends { updatedAt: number }>(doc: T): Omit<T, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = doc;
  return rest;
}
