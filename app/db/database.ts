/**
 * The phone's database: one RxDB collection per synced collection (domain/collections.ts), each
 * with our three-way merge as its conflict handler (RxDB's default would drop the local edit), and
 * local documents for per-device state that never syncs (outbox, refused writes, clock). Every
 * revision the pull writes is marked as such in the same write (pulled-marks.ts).
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxConflictHandler, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { COLLECTIONS, COLLECTION_NAMES, isAppendOnly, mergeFor, type CollectionName, type CollectionSpec, type DocumentOf } from '../../domain/collections';
import { jsonEqual, type WireDocument } from '../../domain/documents';
import { rebaseOnUnanswered } from '../../domain/merge';
import { recordMerge, type MergedWritesHolder } from './merged-writes';
import { unansweredPushesOf } from './unanswered-pushes';
import { markPulledWrites } from './pulled-marks';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export type AppCollections = { [Name in CollectionName]: RxCollection<DocumentOf[Name]> };
export type AppDatabase = RxDatabase<AppCollections>;

/**
 * Our three-way merge as RxDB's conflict handler. A merge that took something from the other side's
 * edit is recorded on `db` (merged-writes.ts), so the record can say what changed; recording waits
 * for its write, so the record shows "merged" by the time the merged state is stored.
 */
export function conflictHandlerFor(name: CollectionName, db?: MergedWritesHolder): RxConflictHandler<WireDocument> {
  const merge = mergeFor(name);
  return {
    // Exact equality, server-set fields included: a server echo that only adds `meta` must still
    // replace the phone's copy (the server's own comparison is the one that ignores `meta`).
    isEqual: (a, b) => jsonEqual(a, b),
    resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) => {
      // States this phone sent of the document without hearing back count as its own (unanswered-pushes.ts).
      const sentBefore = db ? unansweredPushesOf(db, name).take(newDocumentState.id) : [];
      const base = rebaseOnUnanswered(assumedMasterState, realMasterState, sentBefore as readonly typeof realMasterState[]);
      const merged = merge(base, realMasterState, newDocumentState);
      if (db && !isAppendOnly(name)) {
        await recordMerge(db, name, { base, master: realMasterState, local: newDocumentState, merged });
      }
      return merged;
    },
  };
}

/**
 * Opens (or creates) the database on the given storage: Dexie in the browser, memory in tests.
 * The app opens every collection; tests and tools may open a subset (RxDB's free tier counts the
 * collections open in one process, so two phones in one test process cannot each open all).
 */
export async function createAppDatabase(
  storage: RxStorage<unknown, unknown>,
  name = 'cities4cities',
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<AppDatabase> {
  const db = await createRxDatabase<AppCollections>({
    name,
    storage: markPulledWrites(storage),
    localDocuments: true,
    closeDuplicates: true,
  });
  const definitions = Object.fromEntries(
    collections.map((collection) => {
      const spec: Pick<CollectionSpec<unknown>, 'migrationStrategies'> & Pick<(typeof COLLECTIONS)[typeof collection], 'schema'> = COLLECTIONS[collection];
      return [
        collection,
        {
          schema: spec.schema,
          conflictHandler: conflictHandlerFor(collection, db),
          localDocuments: true,
          ...(spec.migrationStrategies ? { migrationStrategies: spec.migrationStrategies } : {}),
        },
      ];
    }),
  );
  await db.addCollections(definitions);
  return db;
}
