/**
 * Pull: the documents changed since a checkpoint that the signed-in actor may read, from CouchDB's
 * `_changes`. Guarantees:
 * - default deny: a document is sent only when `mayRead` of domain/permissions.ts allows it, with
 *   the documents its rule needs looked up in bulk per page and remembered for the request
 *   (related.ts); anything the rule cannot decide is left out;
 * - RxDB treats a batch shorter than `limit` as "caught up", so this keeps reading until the batch
 *   is full or the feed's end is reached, however many documents the filter drops;
 * - the checkpoint always advances past everything read, filtered or not, and names the actor's
 *   rights (checkpoints.ts): after their rights change, the next pull starts from the beginning,
 *   so what was filtered out before is not lost to them. Sequences are opaque strings.
 */
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { Actor } from '../../domain/permissions';
import type { PullResponse } from '../../domain/sync-protocol';
import type { Couch, StoredDocument } from '../store/couch';
import { checkpointFor, sinceOf } from './checkpoints';
import { readableBy, RelatedLookup } from './related';
import { toWire } from './wire';

type ChangesBody = {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: StoredDocument }[];
  last_seq: string | number;
  pending?: number;
};

/** One page of `actor`'s pull of `collection` after `checkpoint` (as handed out before, or '0'). */
export async function pullChanges(couch: Couch, collection: CollectionName, checkpoint: string, limit: number, actor: Actor): Promise<PullResponse> {
  const lookup = new RelatedLookup(couch);
  const documents: WireDocument[] = [];
  let seq = sinceOf(actor, checkpoint);
  let pending: number | undefined;
  for (;;) {
    const wanted = limit - documents.length;
    const body = (await couch.nano.request({
      db: couch.dbName(collection),
      path: '_changes',
      qs: { since: seq, limit: wanted, include_docs: true },
    })) as ChangesBody;
    // A tombstone written without its body (by a tool outside this server) cannot pass the
    // client's schema; our own deletions always keep the body.
    const page = body.results.flatMap((change) => (change.doc && Object.keys(change.doc).some((key) => !key.startsWith('_')) ? [toWire(change.doc)] : []));
    documents.push(...readableBy(actor, collection, page, await lookup.of(collection, page, 'read')));
    seq = String(body.last_seq);
    pending = body.pending;
    if (body.results.length < wanted || documents.length >= limit) break;
  }
  const remaining = pending ?? (documents.length >= limit ? limit : 0);
  return { documents, checkpoint: { seq: checkpointFor(actor, seq) }, remaining };
}
