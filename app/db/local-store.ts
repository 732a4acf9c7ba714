/**
 * Everything the phone keeps: the database, its clock, the outbox of unsynced writes and the list of
 * refused writes. Screens write only through `saveDocument`, so every write is stamped by the
 * hybrid clock and counted as waiting until the server has it.
 */
import type { RxStorage } from 'rxdb/plugins/core';
import { Subject } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName, type DocumentOf } from '../../domain/collections';
import { createAppDatabase, type AppDatabase } from './database';
import { HybridClock } from './clock';
import { Outbox } from './outbox';
import { RefusedWrites } from './refused-writes';

export type LocalStore = {
  db: AppDatabase;
  clock: HybridClock;
  outboxes: Record<CollectionName, Outbox>;
  refused: RefusedWrites;
  /** Failures of background bookkeeping (saving the outbox or clock), for the status line. */
  backgroundErrors: Subject<unknown>;
};

export async function openLocalStore(storage: RxStorage<unknown, unknown>, name?: string): Promise<LocalStore> {
  const db = await createAppDatabase(storage, name);
  const clock = await HybridClock.open(db);
  const refused = await RefusedWrites.open(db);
  const outboxes = {} as Record<CollectionName, Outbox>;
  for (const collection of COLLECTION_NAMES) outboxes[collection] = await Outbox.open(db[collection]);
  return { db, clock, outboxes, refused, backgroundErrors: new Subject<unknown>() };
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
  const report = (error: unknown) => store.backgroundErrors.next(error);
  // Counted (in memory, at once) before it is written: once written, replication may push it and
  // settle the count before a later mark would land. Saving the count is not awaited: the
  // document itself is safe in RxDB either way; only the displayed count could lag after a crash.
  outbox.mark(doc.id, doc.updatedAt).catch(report);
  try {
    await store.db[collection].incrementalUpsert(doc);
  } catch (error) {
    outbox.settle([{ id: doc.id, updatedAt: doc.updatedAt }]).catch(report);
    throw error;
  }
  store.clock.save().catch(report);
  return doc;
}
