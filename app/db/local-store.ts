/**
 * Everything the phone keeps: the database, its clock, the outbox of unsynced writes and the list of
 * refused writes. Screens write only through `saveDocument`, so every write is stamped by the
 * hybrid clock and counted as waiting until the server has it.
 */
import type { RxCollection, RxStorage } from 'rxdb/plugins/core';
import { Subject } from 'rxjs';
import { COLLECTIONS, COLLECTION_NAMES, hasFieldStamps, isCollectionName, type CollectionName, type DocumentOf } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import { rebaseOnStored, stampChanges } from '../../domain/field-stamps';
import type { MergeOptions } from '../../domain/merge';
import { createAppDatabase, type AppDatabase } from './database';
import { HybridClock } from './clock';
import { Outbox } from './outbox';
import { RefusedWrites, type RefusedItem } from './refused-writes';
import { afterLocalWrite, isQuotaError, StorageFullError, unsavedWrites } from './storage';

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

/**
 * The document to write over `held` (the stored copy, undefined for a new document): stamped by the
 * clock, and, in collections that merge by field stamps (domain/field-stamps.ts), first rebased on
 * `held` (a field that changed underneath since the caller's copy keeps the stored value,
 * `rebaseOnStored`) when `rebase` is set, then with a stamp on each field this write changes.
 */
function stamped<Name extends CollectionName>(store: LocalStore, collection: Name, input: DocumentInput<Name>, held: WireDocument | undefined, rebase: boolean): DocumentOf[Name] {
  const stamp = store.clock.stamp();
  if (!hasFieldStamps(collection)) return { ...input, updatedAt: stamp } as DocumentOf[Name];
  const merge = (COLLECTIONS[collection] as { merge: MergeOptions | 'append-only' }).merge;
  const groups = merge === 'append-only' ? [] : (merge.fieldGroups ?? []);
  const next = rebase ? rebaseOnStored(held, input as WireDocument, groups) : (input as WireDocument);
  const { doc, latest } = stampChanges(held, next, stamp);
  // A field stamp may exceed the clock (it follows the stamp it replaces): the clock moves past it.
  store.clock.observe(latest);
  return { ...doc, updatedAt: latest } as DocumentOf[Name];
}

/** A stored document as a screen gets it (`toMutableJSON`): without RxDB's own fields. */
function asShown(stored: WireDocument): WireDocument {
  const { _attachments: _a, _meta: _m, _rev: _r, _deleted: _d, ...shown } = stored as Record<string, unknown>;
  return shown as WireDocument;
}

/** Writes a document locally (it appears at once) and queues it for the server. */
export function saveDocument<Name extends CollectionName>(store: LocalStore, collection: Name, input: DocumentInput<Name>): Promise<DocumentOf[Name]> {
  return write(store, collection, input, true);
}

/**
 * `saveDocument`, with `rebase` false for a write that means every field it holds (going back to
 * the server's state after a refusal), not only those its caller changed.
 *
 * The stored copy is read, stamped against and replaced in one step of RxDB's per-document write
 * queue: a pull or a merged conflict that lands between reading and writing makes RxDB run the
 * step again on the new copy, so the stamps never compare with a copy that is no longer there.
 */
async function write<Name extends CollectionName>(store: LocalStore, collection: Name, input: DocumentInput<Name>, rebase: boolean): Promise<DocumentOf[Name]> {
  const outbox = store.outboxes[collection];
  if (!outbox) throw new Error(`the collection ${collection} is not open in this store`);
  const report = (error: unknown) => store.backgroundErrors.next(error);
  // The union of all collections is too wide for TypeScript here; the documents are of this collection's type.
  const rxCollection = store.db[collection] as unknown as RxCollection<WireDocument>;
  let doc: DocumentOf[Name] | undefined;
  const prepare = (held: WireDocument | undefined): DocumentOf[Name] => {
    doc = stamped(store, collection, input, held, rebase);
    // Counted (in memory, at once) before it is written: once written, replication may push it and
    // settle the count before a later mark would land. Saving the count is not awaited: the
    // document itself is safe in RxDB either way; only the displayed count could lag after a crash.
    outbox.mark(doc.id, doc.updatedAt).catch(report);
    return doc;
  };
  try {
    const existing = hasFieldStamps(collection) ? await rxCollection.findOne(input.id).exec() : null;
    if (existing) await existing.incrementalModify((current) => ({ ...prepare(asShown(current)) }));
    else await rxCollection.incrementalUpsert(prepare(undefined));
  } catch (error) {
    if (doc) outbox.settle([{ id: doc.id, updatedAt: doc.updatedAt }]).catch(report);
    if (!doc || !isQuotaError(error)) throw error;
    // The disk is full: the write stays in memory (listed in Settings, in the export, retried on
    // the next write) and the screen is told, so nobody believes it was saved.
    unsavedWrites.keep({ database: store.db.name, collection, document: doc, failedAt: Date.now() });
    throw new StorageFullError(`the phone's storage is full; ${collection}/${doc.id} is kept in memory until it can be saved`, {
      cause: error,
    });
  }
  const saved = doc!;
  store.clock.save().catch(report);
  void afterLocalWrite();
  // A newer state of a document the disk refused earlier has been saved: the old one is moot.
  unsavedWrites.saved(store.db.name, collection, saved.id);
  if (!retrying.has(store) && unsavedWrites.list(store.db.name).length > 0) retryUnsavedWrites(store).catch(report);
  return saved;
}

/** Stores whose unsaved writes are being retried now (a retry's own writes must not start another). */
const retrying = new WeakSet<LocalStore>();

/**
 * Saves again the writes the full disk refused on this store; resolves how many are still
 * unsaved. Each is written as a new local write (restamped), oldest first; the first that fails
 * again stops the round (the disk is still full).
 */
export async function retryUnsavedWrites(store: LocalStore): Promise<number> {
  if (retrying.has(store)) return unsavedWrites.list(store.db.name).length;
  retrying.add(store);
  try {
    for (const write of [...unsavedWrites.list(store.db.name)]) {
      const { updatedAt: _stamp, ...input } = write.document;
      try {
        await saveDocument(store, write.collection, input as DocumentInput<typeof write.collection>);
      } catch (error) {
        // saveDocument kept the newer failed state in place of this one.
        if (error instanceof StorageFullError) break;
        throw error;
      }
    }
  } finally {
    retrying.delete(store);
  }
  return unsavedWrites.list(store.db.name).length;
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
    // Every field back to the server's: not rebased, as the refused copy is newer by its stamps.
    await write(store, item.collection, serverState as DocumentInput<typeof item.collection>, false);
  } else {
    await local?.remove();
  }
}
