import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../domain/schemas/municipality';
import {
  DEFAULT_MUNICIPALITY_FILTERS,
  applyMunicipalityFilters,
  countriesOf,
  municipalityFiltersActive,
  municipalityFiltersFromSearchParams,
  municipalityFiltersToSearchParams,
  municipalitySearchIndex,
  type MunicipalityFilters,
} from '../../app/features/municipalities/municipality-filters';
import { KRAKOW, KYIV, LVIV, MUNICH, makeMunicipality } from './domain-factories';

const filters = (patch: Partial<MunicipalityFilters> = {}): MunicipalityFilters => ({ ...DEFAULT_MUNICIPALITY_FILTERS, ...patch });
const fromUrl = (search: string) => municipalityFiltersFromSearchParams(new URLSearchParams(search));
const toUrl = (patch: Partial<MunicipalityFilters>) => municipalityFiltersToSearchParams(filters(patch)).toString();

const kyiv = makeMunicipality();
const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46', population: 720_000 });
const kharkiv = makeMunicipality({ id: 'muni-kharkiv-01', nameUk: 'Харківська громада', nameLatin: 'Kharkivska hromada', adm1: 'UA63', kind: 'hromada', verification: { status: 'pending' } });
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', partnerIds: [KYIV] });
const krakow = makeMunicipality({ id: KRAKOW, nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-12', verification: { status: 'rejected', reason: 'Duplicate' } });
const all: Municipality[] = [munich, kharkiv, krakow, lviv, kyiv];

const ids = (patch: Partial<MunicipalityFilters>, language = 'en') => applyMunicipalityFilters(all, filters(patch), language).map((municipality) => municipality.id);

describe('municipality filters in the URL', () => {
  it('omits the defaults', () => {
    expect(toUrl({})).toBe('');
    expect(fromUrl('')).toEqual(DEFAULT_MUNICIPALITY_FILTERS);
    expect(municipalityFiltersActive(filters())).toBe(false);
  });

  /** state patch → URL search (canonical). */
  it.each<[Partial<MunicipalityFilters>, string]>([
    [{ q: 'Харків' }, 'q=%D0%A5%D0%B0%D1%80%D0%BA%D1%96%D0%B2'],
    [{ country: ['UA', 'DE'] }, 'country=DE&country=UA'],
    [{ oblast: ['UA63', 'UA46'] }, 'oblast=UA46&oblast=UA63'],
    [{ kind: ['hromada', 'city'] }, 'kind=city&kind=hromada'],
    [{ verification: 'pending' }, 'verification=pending'],
    [{ verification: 'all', q: '  ' }, ''],
  ])('%o → ?%s, and back', (patch, search) => {
    expect(toUrl(patch)).toBe(search);
    expect(municipalityFiltersToSearchParams(fromUrl(search)).toString()).toBe(search);
  });

  it('round-trips a state with every field set', () => {
    const state = filters({ q: 'kyiv', country: ['UA'], oblast: ['UA80'], kind: ['city', 'hromada'], verification: 'verified' });
    expect(municipalityFiltersFromSearchParams(municipalityFiltersToSearchParams(state))).toEqual(state);
    expect(municipalityFiltersActive(state)).toBe(true);
  });

  /** URL search → fields it yields (the rest are defaults). Never throws. */
  it.each<[string, Partial<MunicipalityFilters>]>([
    ['country=UA,DE', { country: ['DE', 'UA'] }],
    ['country=ua&country=Ukraine&country=PL', { country: ['PL'] }],
    ['oblast=UA99&oblast=UA46&oblast=UA4608001&oblast=DE-BY', { oblast: ['UA46'] }],
    ['kind=castle', {}],
    ['kind=village,town', { kind: ['town', 'village'] }],
    ['verification=rejected', {}],
    ['verification=verified', { verification: 'verified' }],
    ['q=' + 'я'.repeat(300), { q: 'я'.repeat(200) }],
    ['%%%&=&country', {}],
  ])('?%s', (search, patch) => {
    expect(fromUrl(search)).toEqual(filters(patch));
  });
});

describe('filtering the directory', () => {
  it('shows everyone by default, by name in the reader\'s script', () => {
    expect(ids({}, 'en')).toEqual([kharkiv.id, krakow.id, kyiv.id, lviv.id, munich.id]);
    expect(ids({}, 'uk')).toEqual([kyiv.id, krakow.id, lviv.id, munich.id, kharkiv.id]);
  });

  it.each<[Partial<MunicipalityFilters>, string[]]>([
    [{ country: ['UA'] }, [kharkiv.id, kyiv.id, lviv.id]],
    [{ country: ['DE', 'PL'] }, [krakow.id, munich.id]],
    [{ oblast: ['UA46'] }, [lviv.id]],
    [{ kind: ['hromada'] }, [kharkiv.id]],
    [{ verification: 'verified' }, [kyiv.id, lviv.id, munich.id]],
    [{ verification: 'pending' }, [kharkiv.id]],
    [{ country: ['UA'], verification: 'verified', kind: ['city'] }, [kyiv.id, lviv.id]],
  ])('%o selects %o', (patch, expected) => {
    expect(ids(patch)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    // Cyrillic typed, Latin found and the other way round.
    ['Київ', [kyiv.id]],
    ['kyiv', [kyiv.id]],
    ['КИЇВ', [kyiv.id]],
    ['lviv', [lviv.id]],
    ['Львів', [lviv.id]],
    // Accents and ß-style letters fold: "munchen" finds München, "krakow" finds Kraków.
    ['munchen', [munich.id]],
    ['krakow', [krakow.id]],
    // Part of a word, and the oblast's names in either script.
    ['харків', [kharkiv.id]],
    ['Lvivska', [lviv.id]],
    ['львівська', [lviv.id]],
    ['kyiv lviv', []],
    ['nowhere', []],
  ])('search %s finds %o', (q, expected) => {
    expect(ids({ q })).toEqual(expected);
  });

  it('keeps one search index per document revision', () => {
    expect(municipalitySearchIndex(kyiv)).toBe(municipalitySearchIndex(kyiv));
    const renamed = { ...kyiv, nameLatin: 'Kyiv City' };
    expect(municipalitySearchIndex(renamed)).toContain('city');
  });

  it('lists the countries present, once each', () => {
    expect(countriesOf(all)).toEqual(['DE', 'PL', 'UA']);
  });
});
