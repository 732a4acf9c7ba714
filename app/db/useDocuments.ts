/**
 * Reactive reads of any collection for screens (live RxDB queries on the local database): results
 * change as soon as a local write or a synced document lands; screens get plain documents.
 * Guarantees:
 * - a document object keeps its identity while its revision does not change (RxDB reuses its
 *   document objects per revision; the plain copies are cached on them), so a list of 5,000 that
 *   sees one change maps one document, and memoised rows re-render only when theirs changed;
 * - deleted documents never appear;
 * - `useDocuments(…, { held: true })` keeps the documents it has and does not follow changes, then
 *   reads once and follows live again when released: during a first sync hundreds of documents
 *   land per second, and a live query of a whole collection re-reads it from IndexedDB after each
 *   batch (RxDB updates results incrementally only for batches under its change buffer's 100
 *   events), which makes the sync quadratic and keeps a cheap phone's main thread busy.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery, RxCollection, RxDocument } from 'rxdb/plugins/core';
import { useRxDocument } from 'rxdb/plugins/react';
import type { CollectionName, DocumentOf } from '../../domain/collections';
import type { Municipality } from '../../domain/schemas/municipality';
import { useLocalStore } from './LocalStoreProvider';

const plainCopies = new WeakMap<object, unknown>();

/** The plain document of an RxDB document, made once per revision. */
function plain<T>(doc: RxDocument<T>): T {
  let copy = plainCopies.get(doc) as T | undefined;
  if (copy === undefined) {
    copy = doc.toJSON() as T;
    plainCopies.set(doc, copy);
  }
  return copy;
}

// A constant: RxDB's hook re-runs the query whenever the query object changes identity.
const EVERYTHING: MangoQuery = { selector: {} };

/** The collection, typed by its name (the database's own typing is not generic over names). */
function collectionOf<C extends CollectionName>(store: ReturnType<typeof useLocalStore>, collection: C): RxCollection<DocumentOf[C]> {
  return store.db[collection] as unknown as RxCollection<DocumentOf[C]>;
}

/**
 * Every document of `collection` matching `query` (keep the query object's identity stable: a
 * constant or useMemo). While `held`, the documents stay as they were and changes are not followed
 * (no query runs at all); released, the query runs once and is followed live again. `loading` holds
 * until the documents of the current query have been read once.
 */
export function useDocuments<C extends CollectionName>(
  collection: C,
  query: MangoQuery<DocumentOf[C]> = EVERYTHING as MangoQuery<DocumentOf[C]>,
  { held = false }: { held?: boolean } = {},
): { documents: DocumentOf[C][]; loading: boolean } {
  const rxCollection = collectionOf(useLocalStore(), collection);
  const [read, setRead] = useState<{ results: RxDocument<DocumentOf[C]>[]; query: MangoQuery<DocumentOf[C]> | null }>({ results: [], query: null });
  useEffect(() => {
    if (held) return;
    const subscription = rxCollection.find(query).$.subscribe({
      next: (results) => setRead({ results, query }),
      // A failed read is the screen's error (its error boundary shows it), not an empty list.
      error: (error: unknown) =>
        setRead(() => {
          throw error;
        }),
    });
    return () => subscription.unsubscribe();
  }, [rxCollection, query, held]);
  const documents = useMemo(() => read.results.map((doc) => plain<DocumentOf[C]>(doc)), [read.results]);
  return { documents, loading: read.query !== query };
}

/** One document by id, kept current; null while unknown on this phone (or when `id` is null). */
export function useDocument<C extends CollectionName>(collection: C, id: string | null): { document: DocumentOf[C] | null; loading: boolean } {
  const { result, loading } = useRxDocument<DocumentOf[C]>(collectionOf(useLocalStore(), collection), id ?? '');
  const document = useMemo(() => (result && id ? plain<DocumentOf[C]>(result) : null), [result, id]);
  return { document, loading: id !== null && loading };
}

/** Every municipality on the phone, by id (names, verification, oblast and country of what lists show). */
export function useMunicipalities(): { municipalities: Municipality[]; byId: ReadonlyMap<Municipality['id'], Municipality>; loading: boolean } {
  const { documents, loading } = useDocuments('municipalities');
  const byId = useMemo(() => new Map(documents.map((municipality) => [municipality.id, municipality])), [documents]);
  return { municipalities: documents, byId, loading };
}
