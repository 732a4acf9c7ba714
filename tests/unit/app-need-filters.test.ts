import { describe, expect, it } from 'vitest';
import type { Need } from '../../domain/schemas/need';
import {
  DEFAULT_NEED_FILTERS,
  applyNeedFilters,
  needFiltersActive,
  needFiltersFromSearchParams,
  needFiltersToSearchParams,
  needSearchIndex,
  type NeedFilters,
  type NeedListContext,
} from '../../app/features/needs/need-filters';
import { DAY, KYIV, LVIV, T0, makeMunicipality, makeNeed } from './domain-factories';

const filters = (patch: Partial<NeedFilters> = {}): NeedFilters => ({ ...DEFAULT_NEED_FILTERS, ...patch });
const fromUrl = (search: string) => needFiltersFromSearchParams(new URLSearchParams(search));
const toUrl = (patch: Partial<NeedFilters>) => needFiltersToSearchParams(filters(patch)).toString();

describe('need filters in the URL', () => {
  it('omits the defaults', () => {
    expect(toUrl({})).toBe('');
    expect(fromUrl('')).toEqual(DEFAULT_NEED_FILTERS);
  });

  /** state patch → URL search (canonical). */
  it.each<[Partial<NeedFilters>, string]>([
    [{ q: 'генератори Kyiv' }, 'q=%D0%B3%D0%B5%D0%BD%D0%B5%D1%80%D0%B0%D1%82%D0%BE%D1%80%D0%B8+Kyiv'],
    [{ category: ['water', 'food'] }, 'category=food&category=water'],
    [{ urgency: ['critical'] }, 'urgency=critical'],
    [{ oblast: ['UA80', 'UA46'] }, 'oblast=UA46&oblast=UA80'],
    [{ status: [] }, 'status=any'],
    [{ status: ['fulfilled', 'open'] }, 'status=open&status=fulfilled'],
    [{ scope: 'mine', sort: 'deadline' }, 'scope=mine&sort=deadline'],
    [{ sort: 'newest', q: '   ' }, 'sort=newest'],
  ])('%o → ?%s, and back', (patch, search) => {
    expect(toUrl(patch)).toBe(search);
    expect(needFiltersToSearchParams(fromUrl(search)).toString()).toBe(search);
  });

  it('round-trips a state with every field set', () => {
    const state = filters({ q: 'ковдри', category: ['food', 'shelter'], urgency: ['critical', 'high'], oblast: ['UA46'], status: ['open', 'closed'], scope: 'mine', sort: 'newest' });
    expect(needFiltersFromSearchParams(needFiltersToSearchParams(state))).toEqual(state);
  });

  /** URL search → fields it yields (the rest are defaults). Never throws. */
  it.each<[string, Partial<NeedFilters>]>([
    ['category=food,water', { category: ['food', 'water'] }],
    ['category=water&category=food&category=water', { category: ['food', 'water'] }],
    ['category=food&category=bananas', { category: ['food'] }],
    ['category=bananas', {}],
    ['urgency=,,', {}],
    ['status=nonsense', {}],
    ['status=any', { status: [] }],
    ['oblast=UA99&oblast=UA46&oblast=ua80&oblast=UA4608001', { oblast: ['UA46'] }],
    ['scope=everyone&sort=random', {}],
    ['sort=deadline&sort=newest', { sort: 'deadline' }],
    ['q=' + 'x'.repeat(500), { q: 'x'.repeat(200) }],
    ['%%%&=&category', {}],
  ])('?%s', (search, patch) => {
    expect(fromUrl(search)).toEqual(filters(patch));
  });

  it('tells whether anything but the sort differs from the defaults', () => {
    expect(needFiltersActive(filters({ sort: 'newest' }))).toBe(false);
    expect(needFiltersActive(filters({ q: 'x' }))).toBe(true);
    expect(needFiltersActive(filters({ status: [] }))).toBe(true);
  });
});

describe('applyNeedFilters', () => {
  const needs: Need[] = [
    makeNeed({ id: 'need-kyiv-gens-1', urgency: 'high', neededBy: '2026-03-20', updatedAt: T0 }),
    makeNeed({ id: 'need-kyiv-water-1', category: 'water', title: 'Питна вода', description: 'Бутильована вода', urgency: 'critical', neededBy: undefined, updatedAt: T0 + DAY }),
    makeNeed({ id: 'need-lviv-food-01', municipalityId: LVIV, category: 'food', title: 'Продукти', urgency: 'high', neededBy: '2026-03-10', place: { settlement: 'Львів', pcode: 'UA4610001' }, updatedAt: T0 + 2 * DAY }),
    makeNeed({ id: 'need-lviv-draft-1', municipalityId: LVIV, status: 'draft', urgency: 'critical', updatedAt: T0 + 3 * DAY }),
    makeNeed({ id: 'need-lviv-gens-01', municipalityId: LVIV, urgency: 'high', neededBy: '2026-03-20', place: { settlement: 'Kyiv' }, updatedAt: T0, meta: { createdAt: T0 - DAY } }),
    makeNeed({ id: 'need-kyiv-done-01', status: 'fulfilled', urgency: 'low', updatedAt: T0 + 4 * DAY }),
  ];
  const municipalities = new Map([
    [KYIV, makeMunicipality()],
    [LVIV, makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46' })],
  ]);
  const context: NeedListContext = {
    myMunicipalityId: KYIV,
    municipalities,
    searchIndexes: new Map(needs.map((need) => [need.id, needSearchIndex(need, municipalities.get(need.municipalityId))])),
  };
  const ids = (patch: Partial<NeedFilters>, ctx: NeedListContext = context) => applyNeedFilters(needs, filters(patch), ctx).map((need) => need.id);

  /** filters → ids in order. */
  it.each<[Partial<NeedFilters>, string[]]>([
    [{}, ['need-kyiv-water-1', 'need-lviv-food-01', 'need-kyiv-gens-1', 'need-lviv-gens-01']],
    [{ sort: 'deadline' }, ['need-lviv-food-01', 'need-kyiv-gens-1', 'need-lviv-gens-01', 'need-kyiv-water-1']],
    [{ sort: 'newest' }, ['need-lviv-food-01', 'need-kyiv-water-1', 'need-kyiv-gens-1', 'need-lviv-gens-01']],
    [{ status: [], sort: 'newest' }, ['need-kyiv-done-01', 'need-lviv-draft-1', 'need-lviv-food-01', 'need-kyiv-water-1', 'need-kyiv-gens-1', 'need-lviv-gens-01']],
    [{ status: ['draft', 'fulfilled'] }, ['need-lviv-draft-1', 'need-kyiv-done-01']],
    [{ scope: 'mine' }, ['need-kyiv-water-1', 'need-kyiv-gens-1']],
    [{ category: ['water', 'food'] }, ['need-kyiv-water-1', 'need-lviv-food-01']],
    [{ urgency: ['critical'] }, ['need-kyiv-water-1']],
    // By the place's P-code (UA4610001 is in UA46) or, without one, the municipality's oblast.
    [{ oblast: ['UA46'] }, ['need-lviv-food-01', 'need-lviv-gens-01']],
    [{ oblast: ['UA80'] }, ['need-kyiv-water-1', 'need-kyiv-gens-1']],
    [{ q: 'вода' }, ['need-kyiv-water-1']],
    [{ q: 'Lviv' }, ['need-lviv-food-01', 'need-lviv-gens-01']],
    [{ q: 'lvivska' }, ['need-lviv-food-01']],
    [{ q: 'produkty' }, ['need-lviv-food-01']],
    [{ q: 'generators kyiv' }, ['need-kyiv-gens-1', 'need-lviv-gens-01']],
    [{ q: 'nothing-like-this' }, []],
  ])('%o', (patch, expected) => {
    expect(ids(patch)).toEqual(expected);
  });

  it('shows nothing as "mine" to a visitor without a municipality', () => {
    expect(ids({ scope: 'mine' }, { ...context, myMunicipalityId: undefined })).toEqual([]);
  });

  it('searches needs whose index was not precomputed', () => {
    expect(ids({ q: 'вода' }, { ...context, searchIndexes: new Map() })).toEqual(['need-kyiv-water-1']);
  });

  it('gives the same order whatever the input order', () => {
    for (const sort of ['urgency', 'deadline', 'newest'] as const) {
      const forward = applyNeedFilters(needs, filters({ sort, status: [] }), context).map((need) => need.id);
      const backward = applyNeedFilters([...needs].reverse(), filters({ sort, status: [] }), context).map((need) => need.id);
      expect(backward).toEqual(forward);
    }
  });
});
