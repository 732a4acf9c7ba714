/**
 * The offers list's filters and sort: their state, its URL form, and the pure function the list
 * screen runs on every change. Deterministic: equal inputs give the same order on every phone.
 */
import { CATEGORIES, OFFER_STATUSES, type Category, type OfferStatus } from '../../../domain/constants';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Offer } from '../../../domain/schemas/offer';
import { makeSearchIndex, matchesSearch, prepareQuery, type SearchIndex } from '../../../domain/search';
import { findOblast } from '../../geo/oblasts';
import {
  SCOPES,
  codeVocabulary,
  compareIds,
  enumVocabulary,
  inScope,
  oblastOfPcode,
  postedAt,
  readList,
  readOne,
  readQuery,
  writeList,
  writeOne,
  writeQuery,
  type MunicipalityPlace,
  type Scope,
} from '../../lists/list-filters';

/** The offers list's orders, the URL's vocabulary. */
export const OFFER_SORTS = ['newest', 'available-until'] as const;
/** Most recently posted first, or soonest to end first (offers without an end last). */
export type OfferSort = (typeof OFFER_SORTS)[number];

/**
 * What the offers list shows. An empty list means "any"; `country` holds ISO 3166-1 codes (`DE`),
 * `oblast` Ukrainian first-level P-codes (`UA46`) for offers made inside Ukraine.
 */
export type OfferFilters = {
  q: string;
  category: Category[];
  country: string[];
  oblast: string[];
  status: OfferStatus[];
  scope: Scope;
  sort: OfferSort;
};

/** Open offers of everyone, newest first. */
export const DEFAULT_OFFER_FILTERS: Readonly<OfferFilters> = {
  q: '',
  category: [],
  country: [],
  oblast: [],
  status: ['open'],
  scope: 'all',
  sort: 'newest',
};

/** What filtering offers needs besides the offers: who is looking, where municipalities are, search indexes. */
export type OfferListContext = {
  myMunicipalityId: Municipality['id'] | undefined;
  municipalities: ReadonlyMap<Municipality['id'], MunicipalityPlace>;
  /** Precomputed with `offerSearchIndex`, keyed by offer id; a missing one is computed on the fly. */
  searchIndexes: ReadonlyMap<Offer['id'], SearchIndex>;
};

const CATEGORY = enumVocabulary(CATEGORIES);
const STATUS = enumVocabulary(OFFER_STATUSES);
const SCOPE = enumVocabulary(SCOPES);
const SORT = enumVocabulary(OFFER_SORTS);
const COUNTRY = codeVocabulary(/^[A-Z]{2}$/);
const OBLAST = codeVocabulary(/^UA[0-9]{2}$/, (code) => findOblast(code) !== undefined);

/** The search index of an offer: its text, place, oblast names and its municipality's names. */
export function offerSearchIndex(offer: Offer, municipality?: Pick<Municipality, 'nameUk' | 'nameLatin'>): SearchIndex {
  const oblast = findOblast(oblastOfPcode(offer.place.pcode));
  return makeSearchIndex([
    offer.title,
    offer.description,
    offer.place.settlement,
    oblast?.uk,
    oblast?.en,
    municipality?.nameUk,
    municipality?.nameLatin,
  ]);
}

/** The filters as URL search parameters, defaults omitted (see shared/list-filters.ts for the format). */
export function offerFiltersToSearchParams(filters: OfferFilters): URLSearchParams {
  const params = new URLSearchParams();
  writeQuery(params, filters.q);
  writeList(params, 'category', filters.category, CATEGORY, DEFAULT_OFFER_FILTERS.category);
  writeList(params, 'country', filters.country, COUNTRY, DEFAULT_OFFER_FILTERS.country);
  writeList(params, 'oblast', filters.oblast, OBLAST, DEFAULT_OFFER_FILTERS.oblast);
  writeList(params, 'status', filters.status, STATUS, DEFAULT_OFFER_FILTERS.status);
  writeOne(params, 'scope', filters.scope, DEFAULT_OFFER_FILTERS.scope);
  writeOne(params, 'sort', filters.sort, DEFAULT_OFFER_FILTERS.sort);
  return params;
}

/** The filters a URL's search parameters describe; invalid values are ignored, never thrown on. */
export function offerFiltersFromSearchParams(params: URLSearchParams): OfferFilters {
  return {
    q: readQuery(params),
    category: readList(params, 'category', CATEGORY, DEFAULT_OFFER_FILTERS.category),
    country: readList(params, 'country', COUNTRY, DEFAULT_OFFER_FILTERS.country),
    oblast: readList(params, 'oblast', OBLAST, DEFAULT_OFFER_FILTERS.oblast),
    status: readList(params, 'status', STATUS, DEFAULT_OFFER_FILTERS.status),
    scope: readOne(params, 'scope', SCOPE, DEFAULT_OFFER_FILTERS.scope),
    sort: readOne(params, 'sort', SORT, DEFAULT_OFFER_FILTERS.sort),
  };
}

/** Whether filters differ from the defaults in what they select (for a "clear filters" button). */
export function offerFiltersActive(filters: OfferFilters): boolean {
  const params = offerFiltersToSearchParams({ ...filters, sort: DEFAULT_OFFER_FILTERS.sort });
  return [...params.keys()].length > 0;
}

const NO_END = '9999-12-31';

const COMPARE: Readonly<Record<OfferSort, (a: Offer, b: Offer) => number>> = {
  newest: (a, b) => postedAt(b) - postedAt(a) || compareIds(a.id, b.id),
  'available-until': (a, b) =>
    (a.availableUntil ?? NO_END).localeCompare(b.availableUntil ?? NO_END) || postedAt(b) - postedAt(a) || compareIds(a.id, b.id),
};

/** Whether an offer is in one of `countries`: by its place's country or its municipality's. */
function inCountries(offer: Offer, countries: readonly string[], municipality: MunicipalityPlace | undefined): boolean {
  return countries.includes(offer.place.country) || (municipality !== undefined && countries.includes(municipality.country));
}

/** Whether an offer lies in one of `oblasts`: by its place's P-code or its municipality's first-level unit. */
function inOblasts(offer: Offer, oblasts: readonly string[], municipality: MunicipalityPlace | undefined): boolean {
  const placeOblast = oblastOfPcode(offer.place.pcode);
  return (placeOblast !== undefined && oblasts.includes(placeOblast)) || (municipality !== undefined && oblasts.includes(municipality.adm1));
}

/** The offers `filters` select, in their sort order (ties broken by id). */
export function applyOfferFilters<T extends Offer>(offers: readonly T[], filters: OfferFilters, context: OfferListContext): T[] {
  const query = prepareQuery(filters.q);
  const selected = offers.filter((offer) => {
    const municipality = context.municipalities.get(offer.municipalityId);
    return (
      inScope(offer, filters.scope, context.myMunicipalityId) &&
      (filters.status.length === 0 || filters.status.includes(offer.status)) &&
      (filters.category.length === 0 || filters.category.includes(offer.category)) &&
      (filters.country.length === 0 || inCountries(offer, filters.country, municipality)) &&
      (filters.oblast.length === 0 || inOblasts(offer, filters.oblast, municipality)) &&
      (query.length === 0 || matchesSearch(context.searchIndexes.get(offer.id) ?? offerSearchIndex(offer), query))
    );
  });
  return selected.sort(COMPARE[filters.sort]);
}
