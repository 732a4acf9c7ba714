import { describe, expect, it } from 'vitest';
import type { Offer } from '../../domain/schemas/offer';
import {
  DEFAULT_OFFER_FILTERS,
  applyOfferFilters,
  offerFiltersFromSearchParams,
  offerFiltersToSearchParams,
  offerSearchIndex,
  type OfferFilters,
  type OfferListContext,
} from '../../app/features/offers/offer-filters';
import { DAY, KRAKOW, LVIV, MUNICH, T0, makeMunicipality, makeOffer } from './domain-factories';

const filters = (patch: Partial<OfferFilters> = {}): OfferFilters => ({ ...DEFAULT_OFFER_FILTERS, ...patch });
const fromUrl = (search: string) => offerFiltersFromSearchParams(new URLSearchParams(search));

describe('offer filters in the URL', () => {
  it('omits the defaults and round-trips the rest', () => {
    expect(offerFiltersToSearchParams(filters()).toString()).toBe('');
    const state = filters({ q: 'Notstrom', category: ['energy'], country: ['DE', 'PL'], oblast: ['UA46'], status: [], scope: 'mine', sort: 'available-until' });
    expect(offerFiltersToSearchParams(state).toString()).toBe(
      'q=Notstrom&category=energy&country=DE&country=PL&oblast=UA46&status=any&scope=mine&sort=available-until',
    );
    expect(offerFiltersFromSearchParams(offerFiltersToSearchParams(state))).toEqual(state);
  });

  it.each<[string, Partial<OfferFilters>]>([
    ['country=PL,de,DEU,DE', { country: ['DE', 'PL'] }],
    ['status=reserved&status=closed', { status: ['reserved'] }],
    ['sort=urgency', {}],
  ])('?%s', (search, patch) => {
    expect(fromUrl(search)).toEqual(filters(patch));
  });
});

describe('applyOfferFilters', () => {
  const offers: Offer[] = [
    makeOffer({ id: 'offer-munich-gens', availableUntil: '2026-04-30', updatedAt: T0 }),
    makeOffer({ id: 'offer-munich-tent', category: 'shelter', title: 'Zelte', availableUntil: undefined, updatedAt: T0 + DAY }),
    makeOffer({ id: 'offer-krakow-food', municipalityId: KRAKOW, category: 'food', title: 'Żywność', availableUntil: '2026-03-20', place: { settlement: 'Kraków', country: 'PL', pcode: 'PL-12' }, updatedAt: T0 + 2 * DAY }),
    makeOffer({ id: 'offer-lviv-experts', municipalityId: LVIV, category: 'expertise', title: 'Відновлення мереж', quantity: undefined, unit: 'person-days', deliveryOptions: ['remote'], place: { settlement: 'Львів', country: 'UA', pcode: 'UA4610001' }, updatedAt: T0 + 3 * DAY }),
    makeOffer({ id: 'offer-munich-gone', status: 'exhausted', updatedAt: T0 + 4 * DAY }),
  ];
  const municipalities = new Map([
    [MUNICH, makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY' })],
    [KRAKOW, makeMunicipality({ id: KRAKOW, nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-12' })],
    [LVIV, makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46' })],
  ]);
  const context: OfferListContext = {
    myMunicipalityId: MUNICH,
    municipalities,
    searchIndexes: new Map(offers.map((offer) => [offer.id, offerSearchIndex(offer, municipalities.get(offer.municipalityId))])),
  };

  it.each<[Partial<OfferFilters>, string[]]>([
    [{}, ['offer-lviv-experts', 'offer-krakow-food', 'offer-munich-tent', 'offer-munich-gens']],
    [{ sort: 'available-until' }, ['offer-krakow-food', 'offer-lviv-experts', 'offer-munich-gens', 'offer-munich-tent']],
    [{ scope: 'mine', status: [] }, ['offer-munich-gone', 'offer-munich-tent', 'offer-munich-gens']],
    [{ country: ['PL', 'UA'] }, ['offer-lviv-experts', 'offer-krakow-food']],
    [{ oblast: ['UA46'] }, ['offer-lviv-experts']],
    [{ category: ['shelter', 'food'] }, ['offer-krakow-food', 'offer-munich-tent']],
    [{ q: 'krakow' }, ['offer-krakow-food']],
    [{ q: 'Мюнхен zelt' }, ['offer-munich-tent']],
    [{ q: 'vidnovlennia' }, ['offer-lviv-experts']],
  ])('%o', (patch, expected) => {
    expect(applyOfferFilters(offers, filters(patch), context).map((offer) => offer.id)).toEqual(expected);
  });
});
