/**
 * The needs list's filters and sort: their state, its URL form, and the pure function the list
 * screen runs on every change. Deterministic: equal inputs give the same order on every phone.
 */
import { CATEGORIES, NEED_STATUSES, URGENCIES, type Category, type NeedStatus, type Urgency } from '../../../domain/constants';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import { makeSearchIndex, matchesSearch, prepareQuery, type SearchIndex } from '../../../domain/search';
import { compareNeeds } from './need-order';
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

/** The needs list's orders, the URL's vocabulary. */
export const NEED_SORTS = ['urgency', 'deadline', 'newest'] as const;
/** Most urgent first (the list's usual order), nearest deadline first, or most recently posted first. */
export type NeedSort = (typeof NEED_SORTS)[number];

/** What the needs list shows. An empty list means "any"; `oblast` holds first-level P-codes (`UA46`). */
export type NeedFilters = {
  q: string;
  category: Category[];
  urgency: Urgency[];
  oblast: string[];
  status: NeedStatus[];
  scope: Scope;
  sort: NeedSort;
};

/** Open needs of everyone, most urgent first. */
export const DEFAULT_NEED_FILTERS: Readonly<NeedFilters> = {
  q: '',
  category: [],
  urgency: [],
  oblast: [],
  status: ['open'],
  scope: 'all',
  sort: 'urgency',
};

/** What filtering needs besides the needs: who is looking, where municipalities are, search indexes. */
export type NeedListContext = {
  myMunicipalityId: Municipality['id'] | undefined;
  municipalities: ReadonlyMap<Municipality['id'], MunicipalityPlace>;
  /** Precomputed with `needSearchIndex`, keyed by need id; a missing one is computed on the fly. */
  searchIndexes: ReadonlyMap<Need['id'], SearchIndex>;
};

const CATEGORY = enumVocabulary(CATEGORIES);
const URGENCY = enumVocabulary(URGENCIES);
const STATUS = enumVocabulary(NEED_STATUSES);
const SCOPE = enumVocabulary(SCOPES);
const SORT = enumVocabulary(NEED_SORTS);
const OBLAST = codeVocabulary(/^UA[0-9]{2}$/, (code) => findOblast(code) !== undefined);

/** The search index of a need: its text, place, oblast names and its municipality's names. */
export function needSearchIndex(need: Need, municipality?: Pick<Municipality, 'nameUk' | 'nameLatin'>): SearchIndex {
  const oblast = findOblast(oblastOfPcode(need.place.pcode));
  return makeSearchIndex([
    need.title,
    need.description,
    need.place.settlement,
    oblast?.uk,
    oblast?.en,
    municipality?.nameUk,
    municipality?.nameLatin,
  ]);
}

/** The filters as URL search parameters, defaults omitted (see shared/list-filters.ts for the format). */
export function needFiltersToSearchParams(filters: NeedFilters): URLSearchParams {
  const params = new URLSearchParams();
  writeQuery(params, filters.q);
  writeList(params, 'category', filters.category, CATEGORY, DEFAULT_NEED_FILTERS.category);
  writeList(params, 'urgency', filters.urgency, URGENCY, DEFAULT_NEED_FILTERS.urgency);
  writeList(params, 'oblast', filters.oblast, OBLAST, DEFAULT_NEED_FILTERS.oblast);
  writeList(params, 'status', filters.status, STATUS, DEFAULT_NEED_FILTERS.status);
  writeOne(params, 'scope', filters.scope, DEFAULT_NEED_FILTERS.scope);
  writeOne(params, 'sort', filters.sort, DEFAULT_NEED_FILTERS.sort);
  return params;
}

/** The filters a URL's search parameters describe; invalid values are ignored, never thrown on. */
export function needFiltersFromSearchParams(params: URLSearchParams): NeedFilters {
  return {
    q: readQuery(params),
    category: readList(params, 'category', CATEGORY, DEFAULT_NEED_FILTERS.category),
    urgency: readList(params, 'urgency', URGENCY, DEFAULT_NEED_FILTERS.urgency),
    oblast: readList(params, 'oblast', OBLAST, DEFAULT_NEED_FILTERS.oblast),
    status: readList(params, 'status', STATUS, DEFAULT_NEED_FILTERS.status),
    scope: readOne(params, 'scope', SCOPE, DEFAULT_NEED_FILTERS.scope),
    sort: readOne(params, 'sort', SORT, DEFAULT_NEED_FILTERS.sort),
  };
}

/** Whether filters differ from the defaults in what they select (for a "clear filters" button). */
export function needFiltersActive(filters: NeedFilters): boolean {
  const params = needFiltersToSearchParams({ ...filters, sort: DEFAULT_NEED_FILTERS.sort });
  return [...params.keys()].length > 0;
}

const NO_DEADLINE = '9999-12-31';
const URGENCY_RANK = new Map<Urgency, number>(URGENCIES.map((urgency, index) => [urgency, index]));
const urgencyRank = (need: Need) => URGENCY_RANK.get(need.urgency) ?? URGENCIES.length;

const COMPARE: Readonly<Record<NeedSort, (a: Need, b: Need) => number>> = {
  urgency: compareNeeds,
  deadline: (a, b) =>
    (a.neededBy ?? NO_DEADLINE).localeCompare(b.neededBy ?? NO_DEADLINE) ||
    urgencyRank(a) - urgencyRank(b) ||
    postedAt(b) - postedAt(a) ||
    compareIds(a.id, b.id),
  newest: (a, b) => postedAt(b) - postedAt(a) || compareIds(a.id, b.id),
};

/**
 * Whether a need lies in one of `oblasts`: by its place's P-code, or by its municipality's
 * first-level unit (a need may be placed elsewhere than its municipality, or have no P-code).
 */
function inOblasts(need: Need, oblasts: readonly string[], municipality: MunicipalityPlace | undefined): boolean {
  const placeOblast = oblastOfPcode(need.place.pcode);
  return (placeOblast !== undefined && oblasts.includes(placeOblast)) || (municipality !== undefined && oblasts.includes(municipality.adm1));
}

/** The needs `filters` select, in their sort order (ties broken by id). */
export function applyNeedFilters<T extends Need>(needs: readonly T[], filters: NeedFilters, context: NeedListContext): T[] {
  const query = prepareQuery(filters.q);
  const selected = needs.filter(
    (need) =>
      inScope(need, filters.scope, context.myMunicipalityId) &&
      (filters.status.length === 0 || filters.status.includes(need.status)) &&
      (filters.category.length === 0 || filters.category.includes(need.category)) &&
      (filters.urgency.length === 0 || filters.urgency.includes(need.urgency)) &&
      (filters.oblast.length === 0 || inOblasts(need, filters.oblast, context.municipalities.get(need.municipalityId))) &&
      (query.length === 0 || matchesSearch(context.searchIndexes.get(need.id) ?? needSearchIndex(need), query)),
  );
  return selected.sort(COMPARE[filters.sort]);
}
