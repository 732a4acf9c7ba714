/**
 * Everything the phone keeps: the database, its clock, the outbox of unsynced writes and the list of
 * refused writes. Screens write only through `saveDocument`, so every write is stamped by the
 * hybrid clock and counted as waiting until the server has it.
 */
import type { RxCollection, RxStorage } from 'rxdb/plugins/core';
import { Subject } from 'rxjs';
import { COLLECTION_NAMES, isCollectionName, type CollectionName, type DocumentOf } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import { createAppDatabase, type AppDatabase } from './database';
import { HybridClock } from './clock';
import { Outbox } from './outbox';
import { RefusedWrites, type RefusedItem } from './refused-writes';

export type LocalStore = {
  db: AppDatabase;
  clock: HybridClock;
  /** The collections this store opened (all of them in the app). */
  collections: readonly CollectionName[];
  outboxes: Partial<Record<CollectionName, Outbox>>;
  refused: RefusedWrites;
  /** Failures of background bookkeeping (saving the outbox or clock), for the status line. */
  backgroundErrors: Subject<unknown>;
};

export async function openLocalStore(
  storage: RxStorage<unknown, unknown>,
  name?: string,
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<LocalStore> {
  const db = await createAppDatabase(storage, name, collections);
  const clock = await HybridClock.open(db);
  const refused = await RefusedWrites.open(db);
  const outboxes: Partial<Record<CollectionName, Outbox>> = {};
  for (const collection of collections) outboxes[collection] = await Outbox.open(db[collection]);
  return { db, clock, collections, outboxes, refused, backgroundErrors: new Subject<unknown>() };
}

/** A document as a screen hands it over: the clock sets `updatedAt`. */
export type DocumentInput<Name extends CollectionName> = Omit<DocumentOf[Name], 'updatedAt' | 'meta'> &
  Partial<Pick<DocumentOf[Name], 'meta'>>;

/** Writes a document locally (it appears at once) and queues it for the server. */
export async function saveDocument<Name extends CollectionName>(
  store: LocalStore,
  collection: Name,
  input: DocumentInput<Name>,
): Promise<DocumentOf[Name]> {
  const doc = { ...input, updatedAt: store.clock.stamp() } as DocumentOf[Name];
  const outbox = store.outboxes[collection];
  if (!outbox) throw new Error(`the collection ${collection} is not open in this store`);
  const report = (error: unknown) => store.backgroundErrors.next(error);
  // Counted (in memory, at once) before it is written: once written, replication may push it and
  // settle the count before a later mark would land. Saving the count is not awaited: the
  // document itself is safe in RxDB either way; only the displayed count could lag after a crash.
  outbox.mark(doc.id, doc.updatedAt).catch(report);
  try {
    // The union of all collections is too wide for TypeScript here; `doc` is of this collection's type.
    await (store.db[collection] as unknown as RxCollection<DocumentOf[Name]>).incrementalUpsert(doc);
  } catch (error) {
    outbox.settle([{ id: doc.id, updatedAt: doc.updatedAt }]).catch(report);
    throw error;
  }
  store.clock.save().catch(report);
  return doc;
}

/**
 * Gives up a write the server refused: the phone goes back to what the server holds (or, for a
 * document the server never had, removes it) and the refusal is forgotten once that has synced.
 */
export async function discardRefusedWrite(store: LocalStore, item: RefusedItem): Promise<void> {
  if (!isCollectionName(item.collection)) throw new Error(`unknown collection ${item.collection}`);
  const collection = store.db[item.collection] as unknown as RxCollection<WireDocument>;
  const local = await collection.findOne(item.id).exec();
  if (item.serverState) {
    const { _deleted: _ignored, ...serverState } = item.serverState;
    await saveDocument(store, item.collection, serverState as DocumentInput<typeof item.collection>);
  } else {
    await local?.remove();
  }
}
