/**
 * Marks each document revision that the replication's pull wrote, in the same storage write as the
 * document itself, so the push can tell "the server sent this" from "the phone changed this" at any
 * moment, across reloads. Guarantees:
 * - a revision written by RxDB's downstream (pull or live stream) carries `_meta.pulledRev`, equal to
 *   its revision height; any later local write (a screen's save, a merged conflict) makes a new
 *   revision, whose height no longer matches: it counts as the phone's own change again;
 * - nothing else is changed: other writes pass through untouched.
 *
 * Why not RxDB's own mark: its downstream tags pulled documents with `_meta.o`, but in RxDB 17.6 the
 * collection's storage wrapper replaces `_meta` of every inserted document (rx-storage-helper,
 * `getWrappedStorageInstance().bulkWrite`, the shared `insertMeta`), so a newly pulled document
 * loses the tag, and RxDB writes its record of the server's state in a second, separate write.
 */
import type { RxDocumentData, RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb/plugins/core';
import { getHeightOfRevision } from 'rxdb/plugins/utils';

/** RxDB's downstream writes documents with this context (followed by the replication's key). */
const PULL_WRITE_CONTEXT = 'replication-downstream-';

/** Wraps `storage` so that the pull's document writes carry their mark. */
export function markPulledWrites<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return {
    ...storage,
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const instance: RxStorageInstance<RxDocType, Internals, Options> = await storage.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        if (context.startsWith(PULL_WRITE_CONTEXT)) {
          for (const row of rows) {
            // A new object: RxDB shares one `_meta` between the inserted rows of a write.
            row.document._meta = { ...row.document._meta, pulledRev: getHeightOfRevision(row.document._rev) };
          }
        }
        return bulkWrite(rows, context);
      };
      return instance;
    },
  };
}

/** Whether the stored revision of a document is the one the pull wrote (no local write since). */
export function isPulledAsIs(doc: RxDocumentData<unknown>): boolean {
  return doc._meta.pulledRev === getHeightOfRevision(doc._rev);
}
