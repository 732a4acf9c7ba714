/**
 * Free-text search over needs, offers and municipalities, in Cyrillic and Latin alike: a German
 * official typing "generat kyiv" finds "Генератори для Київської лікарні" (through the Latin spelling
 * of each word), a Ukrainian typing "Харків" finds a partner's "Help for Kharkiv". Words are not
 * stemmed: "київ" does not find the genitive "Києва".
 *
 * Each document gets a search index once (`makeSearchIndex`, a plain string the caller keeps next to
 * the document); each keystroke prepares the query once (`prepareQuery`); testing one document is
 * then a few `String.includes` calls. A query matches when each of its words is contained in some
 * word of the document (as written or in Latin spelling). Containment rather than prefix, so German
 * compounds match too ("generator" finds "Dieselgeneratoren").
 *
 * Normalisation (`normalizeForSearch`), the same for documents and queries:
 * - lower case; accents of Latin letters dropped (é → e, ü → u, ß → ss, ł → l) and stress marks too;
 * - Cyrillic letters stay Cyrillic and distinct, й and є included (they are separate letters users
 *   type on every Ukrainian keyboard), with three foldings for what people type instead:
 *   ї → і and ґ → г (keyboards and older texts without them), ё → е;
 * - the apostrophe in all its forms (' ’ ʼ) is dropped: "м'ясо", "м’ясо" and "мясо" are one word.
 *
 * Latin spellings of Cyrillic words: the official Ukrainian one (Київ → kyiv) and, for words with г,
 * one with g as well (генератор → henerator and generator). Other exonyms (Kiew, Charkiw, Kiev) are
 * not guessed: they are not spellings of the letters.
 */
import { hasCyrillic, ukrainianToLatin } from './transliteration';

/** Separates words in an index; never part of a normalised word, so a query word cannot span two. */
const SEPARATOR = ' ';

const LATIN_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = { ß: 'ss', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i' };
const FOLD = /[ßłøđæœı]|ї|ґ|ё/g;
const FOLDED: Readonly<Record<string, string>> = { ...LATIN_WITHOUT_DECOMPOSITION, ї: 'і', ґ: 'г', ё: 'е' };

/** A word as typed: letters (with their marks) and digits; apostrophes are removed first. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const APOSTROPHES = /['’ʼ`]/g;

/** `text` in the comparable form described in this module's header (not split into words). */
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(FOLD, (letter) => FOLDED[letter] ?? letter)
    .normalize('NFD')
    // NFD splits й into и + breve: put it back together before the marks go.
    .replace(/и\u0306/g, 'й')
    .replace(/\p{M}+/gu, '')
    .replace(APOSTROPHES, '');
}

/** The words of `text` as written (lower case), before folding. */
function rawWords(text: string): string[] {
  return text.toLowerCase().normalize('NFC').replace(APOSTROPHES, '').match(WORD) ?? [];
}

/**
 * Documents share most of their words, and transliterating is the slow part of indexing: each word's
 * spellings are remembered (a bounded cache, emptied when full; memory stays a few MB).
 */
const spellingCache = new Map<string, readonly string[]>();
const SPELLING_CACHE_SIZE = 50_000;

/**
 * The spellings a word is found by: normalised as written, and normalised in Latin when it is
 * Cyrillic. The Latin spelling is made from the letters as written, before folding, because the
 * official spelling depends on them (їжак → yizhak, not izhak).
 */
function spellings(raw: string): readonly string[] {
  let known = spellingCache.get(raw);
  if (known === undefined) {
    if (spellingCache.size >= SPELLING_CACHE_SIZE) spellingCache.clear();
    known = computeSpellings(raw);
    spellingCache.set(raw, known);
  }
  return known;
}

function computeSpellings(raw: string): readonly string[] {
  const written = normalizeForSearch(raw);
  if (!hasCyrillic(raw)) return written ? [written] : [];
  const latin = normalizeForSearch(ukrainianToLatin(raw));
  // Officially г is h (Харків → Kharkiv), but in loanwords other languages write g: генератор must be
  // found by "generator", гуманітарна by "gumanitar…" as well as "humanitar…".
  const loose = raw.includes('г') ? normalizeForSearch(ukrainianToLatin(raw.replaceAll('г', 'ґ'))) : '';
  return [written, latin, loose].filter((spelling, index, all) => spelling !== '' && all.indexOf(spelling) === index);
}

/** A precomputed search index of a document's text fields (title, description, place …). Opaque. */
export type SearchIndex = string & { readonly __brand: 'SearchIndex' };

/** The search index of a document made of `fields`; compute once per document version, not per keystroke. */
export function makeSearchIndex(fields: readonly (string | undefined)[]): SearchIndex {
  const unique = new Set<string>();
  for (const field of fields) {
    if (!field) continue;
    for (const raw of rawWords(field)) for (const spelling of spellings(raw)) unique.add(spelling);
  }
  return `${SEPARATOR}${[...unique].join(SEPARATOR)}${SEPARATOR}` as SearchIndex;
}

/** A prepared query: one entry per query word, each the spellings any of which may match. */
export type PreparedQuery = readonly (readonly string[])[];

/** `query` split into normalised words, each with its Latin spelling when typed in Cyrillic. */
export function prepareQuery(query: string): PreparedQuery {
  const tokens: (readonly string[])[] = [];
  const seen = new Set<string>();
  for (const raw of rawWords(query)) {
    const token = spellings(raw);
    const key = token.join(SEPARATOR);
    if (token.length === 0 || seen.has(key)) continue;
    seen.add(key);
    tokens.push(token);
  }
  return tokens;
}

/** Whether a document with `index` matches `query` (every word found); an empty query matches all. */
export function matchesSearch(index: SearchIndex, query: PreparedQuery): boolean {
  for (const alternatives of query) {
    let found = false;
    for (const spelling of alternatives) {
      if (index.includes(spelling)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}
