/**
 * Pieces shared by the needs and offers list filters: the URL codec of one filter field, the
 * "mine/all" scope and deterministic tie-breaks. Pure; the screens keep filter state in the URL.
 *
 * URL format: one parameter per field, defaults omitted. A multi-valued field is written as repeated
 * parameters (`?category=food&category=water`), in a canonical order so one state has one URL;
 * comma lists (`?category=food,water`) are read too, for hand-typed links. An empty selection of a
 * field whose default is not empty (statuses: open by default) is written `status=any`. Unknown or
 * invalid values are dropped; a field left with no valid value falls back to its default. Nothing
 * here throws on user input.
 */
import type { Municipality } from '../../domain/schemas/municipality';

/** Whose items a list shows: my municipality's only, or everyone's. */
export type Scope = 'mine' | 'all';
/** Every scope, the URL's vocabulary. */
export const SCOPES = ['mine', 'all'] as const satisfies readonly Scope[];

/** Where a municipality is, as the list filters need it. */
export type MunicipalityPlace = Pick<Municipality, 'adm1' | 'country'>;

/** The values a filter field accepts, and their canonical order in URLs and state. */
export type Vocabulary<T extends string> = { accepts: (value: string) => value is T; compare: (a: T, b: T) => number };

/** A closed list of values (an enum), ordered as listed. */
export function enumVocabulary<T extends string>(values: readonly T[]): Vocabulary<T> {
  const rank = new Map<string, number>(values.map((value, index) => [value, index]));
  return {
    accepts: (value): value is T => rank.has(value),
    compare: (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
  };
}

/** Codes matching `pattern` (and `exists`, when given), in code order. */
export function codeVocabulary(pattern: RegExp, exists: (code: string) => boolean = () => true): Vocabulary<string> {
  return { accepts: (value): value is string => pattern.test(value) && exists(value), compare: compareIds };
}

/** The "no filter" value of a field whose default is a non-empty selection. */
const ANY = 'any';
const MAX_QUERY_LENGTH = 200;

/** Compares ids by code unit: the same order on every phone, whatever its locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** The valid values of a multi-valued field, deduplicated and in canonical order (for state from code). */
export function canonicalList<T extends string>(values: readonly string[], vocabulary: Vocabulary<T>): T[] {
  return [...new Set(values)].filter(vocabulary.accepts).sort(vocabulary.compare);
}

/** Reads a multi-valued field (repeated and/or comma-separated); see the header for the rules. */
export function readList<T extends string>(params: URLSearchParams, key: string, vocabulary: Vocabulary<T>, fallback: readonly T[]): T[] {
  const raw = params.getAll(key).flatMap((value) => value.split(',')).map((value) => value.trim());
  if (raw.length === 0) return [...fallback];
  if (raw.includes(ANY)) return [];
  const values = canonicalList(raw, vocabulary);
  return values.length > 0 ? values : [...fallback];
}

/** Writes a multi-valued field unless it equals its default. */
export function writeList<T extends string>(params: URLSearchParams, key: string, values: readonly T[], vocabulary: Vocabulary<T>, fallback: readonly T[]): void {
  const canonical = canonicalList(values, vocabulary);
  if (sameSet(canonical, fallback)) return;
  if (canonical.length === 0) params.append(key, ANY);
  for (const value of canonical) params.append(key, value);
}

/** Reads a one-valued field; its default when absent or invalid. */
export function readOne<T extends string>(params: URLSearchParams, key: string, vocabulary: Vocabulary<T>, fallback: T): T {
  const value = params.get(key);
  return value !== null && vocabulary.accepts(value) ? value : fallback;
}

/** Writes a one-valued field unless it equals its default. */
export function writeOne<T extends string>(params: URLSearchParams, key: string, value: T, fallback: T): void {
  if (value !== fallback) params.set(key, value);
}

/** Reads the free-text query (`q`), as typed, capped in length. */
export function readQuery(params: URLSearchParams): string {
  return (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
}

/** Writes the free-text query unless it is blank. */
export function writeQuery(params: URLSearchParams, q: string): void {
  if (q.trim() !== '') params.set('q', q.slice(0, MAX_QUERY_LENGTH));
}

/** The oblast (`UA46`) of a Ukrainian P-code of any level, if it is one. */
export function oblastOfPcode(pcode: string | undefined): string | undefined {
  return pcode !== undefined && /^UA[0-9]{2}/.test(pcode) ? pcode.slice(0, 4) : undefined;
}

/** When an item was posted, for "newest first": the server's creation time, else its last change. */
export function postedAt(item: { updatedAt: number; meta?: { createdAt?: number } }): number {
  return item.meta?.createdAt ?? item.updatedAt;
}

/** Whether an item is in `scope` for a member of `myMunicipalityId` (nobody's when signed out). */
export function inScope(item: { municipalityId: string }, scope: Scope, myMunicipalityId: string | undefined): boolean {
  return scope === 'all' || (myMunicipalityId !== undefined && item.municipalityId === myMunicipalityId);
}
