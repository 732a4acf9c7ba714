/**
 * The municipalities directory's search and filters: their state, its URL form (see
 * app/lists/list-filters.ts for the format) and the pure function the directory runs on every
 * change. Deterministic: equal inputs give the same order on every phone with the same language.
 */
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../../../domain/constants';
import type { Municipality } from '../../../domain/schemas/municipality';
import { makeSearchIndex, matchesSearch, prepareQuery, type SearchIndex } from '../../../domain/search';
import { findOblast } from '../../geo/oblasts';
import { codeVocabulary, compareIds, enumVocabulary, readList, readOne, readQuery, writeList, writeOne, writeQuery } from '../../lists/list-filters';

/** Which verification states the directory shows. */
export const VERIFICATION_FILTERS = ['all', 'verified', 'pending'] as const;
export type VerificationFilter = (typeof VERIFICATION_FILTERS)[number];

/**
 * What the directory shows. An empty list means "any"; `country` holds ISO 3166-1 codes (`UA`),
 * `oblast` Ukrainian first-level P-codes (`UA46`).
 */
export type MunicipalityFilters = {
  q: string;
  country: string[];
  oblast: string[];
  kind: MunicipalityKind[];
  verification: VerificationFilter;
};

/** Every municipality on the phone. */
export const DEFAULT_MUNICIPALITY_FILTERS: Readonly<MunicipalityFilters> = {
  q: '',
  country: [],
  oblast: [],
  kind: [],
  verification: 'all',
};

const COUNTRY = codeVocabulary(/^[A-Z]{2}$/);
const OBLAST = codeVocabulary(/^UA[0-9]{2}$/, (code) => findOblast(code) !== undefined);
const KIND = enumVocabulary(MUNICIPALITY_KINDS);
const VERIFICATION = enumVocabulary(VERIFICATION_FILTERS);

/** The filters as URL search parameters, defaults omitted. */
export function municipalityFiltersToSearchParams(filters: MunicipalityFilters): URLSearchParams {
  const params = new URLSearchParams();
  writeQuery(params, filters.q);
  writeList(params, 'country', filters.country, COUNTRY, DEFAULT_MUNICIPALITY_FILTERS.country);
  writeList(params, 'oblast', filters.oblast, OBLAST, DEFAULT_MUNICIPALITY_FILTERS.oblast);
  writeList(params, 'kind', filters.kind, KIND, DEFAULT_MUNICIPALITY_FILTERS.kind);
  writeOne(params, 'verification', filters.verification, DEFAULT_MUNICIPALITY_FILTERS.verification);
  return params;
}

/** The filters a URL's search parameters describe; invalid values are ignored, never thrown on. */
export function municipalityFiltersFromSearchParams(params: URLSearchParams): MunicipalityFilters {
  return {
    q: readQuery(params),
    country: readList(params, 'country', COUNTRY, DEFAULT_MUNICIPALITY_FILTERS.country),
    oblast: readList(params, 'oblast', OBLAST, DEFAULT_MUNICIPALITY_FILTERS.oblast),
    kind: readList(params, 'kind', KIND, DEFAULT_MUNICIPALITY_FILTERS.kind),
    verification: readOne(params, 'verification', VERIFICATION, DEFAULT_MUNICIPALITY_FILTERS.verification),
  };
}

/** Whether filters differ from the defaults (for a "clear filters" button). */
export function municipalityFiltersActive(filters: MunicipalityFilters): boolean {
  return [...municipalityFiltersToSearchParams(filters).keys()].length > 0;
}

// Plain documents keep their identity per revision (app/db/useDocuments.ts): one index per revision.
const searchIndexes = new WeakMap<Municipality, SearchIndex>();

/** The search index of a municipality: its names in both scripts and its oblast's names. */
export function municipalitySearchIndex(municipality: Municipality): SearchIndex {
  let index = searchIndexes.get(municipality);
  if (index === undefined) {
    const oblast = municipality.country === 'UA' ? findOblast(municipality.adm1) : undefined;
    index = makeSearchIndex([municipality.nameUk, municipality.nameLatin, oblast?.uk, oblast?.en]);
    searchIndexes.set(municipality, index);
  }
  return index;
}

/**
 * A comparison of municipalities by name in the reader's script (Cyrillic for `uk`, Latin
 * otherwise), in the language's collation; ties broken by id.
 */
export function municipalityOrder(language: string): (a: Municipality, b: Municipality) => number {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const name = (municipality: Municipality) => (language === 'uk' ? municipality.nameUk : municipality.nameLatin);
  return (a, b) => collator.compare(name(a), name(b)) || compareIds(a.id, b.id);
}

/** The municipalities `filters` select, in name order for `language`. */
export function applyMunicipalityFilters<T extends Municipality>(municipalities: readonly T[], filters: MunicipalityFilters, language: string): T[] {
  const query = prepareQuery(filters.q);
  const selected = municipalities.filter(
    (municipality) =>
      (filters.verification === 'all' || municipality.verification.status === filters.verification) &&
      (filters.country.length === 0 || filters.country.includes(municipality.country)) &&
      (filters.oblast.length === 0 || filters.oblast.includes(municipality.adm1)) &&
      (filters.kind.length === 0 || filters.kind.includes(municipality.kind)) &&
      (query.length === 0 || matchesSearch(municipalitySearchIndex(municipality), query)),
  );
  return selected.sort(municipalityOrder(language));
}

/** The countries present among `municipalities`, for the country filter's choices. */
export function countriesOf(municipalities: readonly Pick<Municipality, 'country'>[]): string[] {
  return [...new Set(municipalities.map((municipality) => municipality.country))].sort(compareIds);
}
