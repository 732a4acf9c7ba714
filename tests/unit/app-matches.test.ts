import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../domain/constants';
import type { Need } from '../../domain/schemas/need';
import type { Offer } from '../../domain/schemas/offer';
import { bestNeedsForOffer, bestOffersForNeed, matchesForMunicipality, type MatchContext } from '../../app/features/matches/matches';
import { KRAKOW, KYIV, LVIV, MUNICH, makeMunicipality, makeNeed, makeOffer } from './domain-factories';

const PENDING = 'muni-pending-01';
const context: MatchContext = {
  today: '2026-03-01',
  municipalities: new Map([
    [KYIV, makeMunicipality()],
    [LVIV, makeMunicipality({ id: LVIV, adm1: 'UA46' })],
    [MUNICH, makeMunicipality({ id: MUNICH, country: 'DE', adm1: 'DE-BY' })],
    [KRAKOW, makeMunicipality({ id: KRAKOW, country: 'PL', adm1: 'PL-12' })],
    [PENDING, makeMunicipality({ id: PENDING, verification: { status: 'pending' } })],
  ]),
};

const need = makeNeed({ id: 'need-kyiv-gens-01' });
const offers: Offer[] = [
  makeOffer({ id: 'offer-munich-8-gens' }),
  makeOffer({ id: 'offer-krakow-10-gens', municipalityId: KRAKOW, quantity: 10, place: { settlement: 'Kraków', country: 'PL', lat: 50.06, lon: 19.94 } }),
  makeOffer({ id: 'offer-krakow-2-gens', municipalityId: KRAKOW, quantity: 2, place: { settlement: 'Kraków', country: 'PL', lat: 50.06, lon: 19.94 } }),
  // Same sector (ERY), another category: suggested, lower.
  makeOffer({ id: 'offer-munich-machines', category: 'machinery', title: 'Excavator' }),
  // Never suggested: other sector, not open, expired, own municipality, unverified.
  makeOffer({ id: 'offer-munich-food', category: 'food' }),
  makeOffer({ id: 'offer-munich-reserved', status: 'reserved' }),
  makeOffer({ id: 'offer-munich-expired', availableUntil: '2026-02-20' }),
  makeOffer({ id: 'offer-kyiv-own-gens', municipalityId: KYIV }),
  makeOffer({ id: 'offer-pending-gens', municipalityId: PENDING }),
];

describe('bestOffersForNeed', () => {
  it('ranks open offers of other verified municipalities, best first', () => {
    const suggestions = bestOffersForNeed(need, offers, context, 10);
    expect(suggestions.map((s) => s.item.id)).toEqual(['offer-krakow-10-gens', 'offer-munich-8-gens', 'offer-krakow-2-gens', 'offer-munich-machines']);
    expect(suggestions.every((s, i, all) => i === 0 || all[i - 1]!.score >= s.score)).toBe(true);
    expect(suggestions[0]!.reasons).toContainEqual({ code: 'covers-quantity', percent: 100 });
    expect(suggestions[3]!.reasons).toContainEqual({ code: 'related-category' });
  });

  it('keeps to the limit and breaks ties by id', () => {
    const twins = [makeOffer({ id: 'offer-twin-b' }), makeOffer({ id: 'offer-twin-a' }), makeOffer({ id: 'offer-twin-c' })];
    expect(bestOffersForNeed(need, twins, context, 2).map((s) => s.item.id)).toEqual(['offer-twin-a', 'offer-twin-b']);
    expect(bestOffersForNeed(need, twins, context, 0)).toEqual([]);
  });

  it('suggests nothing for a need that is not open', () => {
    expect(bestOffersForNeed(makeNeed({ status: 'draft' }), offers, context, 3)).toEqual([]);
  });
});

describe('bestNeedsForOffer', () => {
  it('ranks open needs of others by the same score', () => {
    const needs: Need[] = [
      makeNeed({ id: 'need-kyiv-low-gens', urgency: 'low' }),
      makeNeed({ id: 'need-lviv-crit-gens', municipalityId: LVIV, urgency: 'critical', place: { settlement: 'Львів', pcode: 'UA4610001', lat: 49.84, lon: 24.03 } }),
      makeNeed({ id: 'need-munich-own', municipalityId: MUNICH }),
      makeNeed({ id: 'need-kyiv-water', category: 'water' }),
      makeNeed({ id: 'need-kyiv-closed', status: 'closed' }),
    ];
    expect(bestNeedsForOffer(makeOffer(), needs, context, 3).map((s) => s.item.id)).toEqual(['need-lviv-crit-gens', 'need-kyiv-low-gens']);
  });
});

describe('matchesForMunicipality', () => {
  it('lists each of my open needs and offers with its best counterparts', () => {
    const needs = [need, makeNeed({ id: 'need-kyiv-water-01', category: 'water' }), makeNeed({ id: 'need-kyiv-draft-01', status: 'draft' }), makeNeed({ id: 'need-lviv-gens-01', municipalityId: LVIV })];
    const all = [...offers, makeOffer({ id: 'offer-kyiv-know-how', municipalityId: KYIV, category: 'expertise', quantity: undefined, unit: 'person-days', deliveryOptions: ['remote'] })];
    const result = matchesForMunicipality(KYIV, needs, all, context, { perItem: 2 });
    expect(result.needs.map((entry) => [entry.need.id, entry.offers.map((s) => s.item.id)])).toEqual([
      ['need-kyiv-gens-01', ['offer-krakow-10-gens', 'offer-munich-8-gens']],
      ['need-kyiv-water-01', []],
    ]);
    expect(result.offers.map((entry) => [entry.offer.id, entry.needs.map((s) => s.item.id)])).toEqual([
      ['offer-kyiv-own-gens', ['need-lviv-gens-01']],
      ['offer-kyiv-know-how', ['need-lviv-gens-01']],
    ]);
  });

  it('stays fast with 5,000 needs and 5,000 offers (timing printed, not asserted)', () => {
    const municipalityIds = [KYIV, LVIV, MUNICH, KRAKOW];
    const needs = Array.from({ length: 5000 }, (_, i) =>
      makeNeed({ id: `need-bulk-${String(i).padStart(6, '0')}`, municipalityId: municipalityIds[i % 4]!, category: CATEGORIES[i % CATEGORIES.length]!, quantity: 1 + (i % 20) }),
    );
    const bulkOffers = Array.from({ length: 5000 }, (_, i) =>
      makeOffer({ id: `offer-bulk-${String(i).padStart(6, '0')}`, municipalityId: municipalityIds[(i + 1) % 4]!, category: CATEGORIES[i % CATEGORIES.length]!, quantity: 1 + (i % 15) }),
    );
    // A municipality with a handful of items, as most are.
    const few = needs.slice(0, 20).map((n) => ({ ...n, municipalityId: PENDING }));
    const started = performance.now();
    const result = matchesForMunicipality(PENDING, [...few, ...needs], bulkOffers, context);
    console.log(`matches: 20 needs against 5,000 offers and 5,000 needs in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result.needs).toHaveLength(20);
    expect(result.needs.every((entry) => entry.offers.length === 3)).toBe(true);
  });
});
