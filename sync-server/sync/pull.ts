/**
 * Pull: the documents changed since a checkpoint, read from CouchDB's `_changes`. RxDB treats a
 * batch shorter than `limit` as "caught up", so this keeps reading until the batch is full or the
 * feed's end is reached, even when a filter drops documents; the checkpoint always advances past
 * everything read (filtered or not). Sequences are opaque strings.
 */
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { PullResponse } from '../../domain/sync-protocol';
import type { Couch, StoredDocument } from '../store/couch';
import { toWire } from './wire';

type ChangesBody = {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: StoredDocument }[];
  last_seq: string | number;
  pending?: number;
};

/** Decides which stored documents a reader may receive (all, until accounts arrive). */
export type ReadFilter = (doc: WireDocument) => boolean;

export async function pullChanges(
  couch: Couch,
  collection: CollectionName,
  since: string,
  limit: number,
  mayRead: ReadFilter = () => true,
): Promise<PullResponse> {
  const documents: WireDocument[] = [];
  let seq = since;
  let pending: number | undefined;
  for (;;) {
    const wanted = limit - documents.length;
    const body = (await couch.nano.request({
      db: couch.dbName(collection),
      path: '_changes',
      qs: { since: seq, limit: wanted, include_docs: true },
    })) as ChangesBody;
    for (const change of body.results) {
      // A tombstone written without its body (by a tool outside this server) cannot pass the
      // client's schema; our own deletions always keep the body.
      if (!change.doc || !Object.keys(change.doc).some((key) => !key.startsWith('_'))) continue;
      const doc = toWire(change.doc);
      if (mayRead(doc)) documents.push(doc);
    }
    seq = String(body.last_seq);
    pending = body.pending;
    if (body.results.length < wanted || documents.length >= limit) break;
  }
  const remaining = pending ?? (documents.length >= limit ? limit : 0);
  return { documents, checkpoint: { seq }, remaining };
}
