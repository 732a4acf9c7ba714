/**
 * Pull: the documents changed since a checkpoint that the signed-in actor may read, from CouchDB's
 * `_changes`. Guarantees:
 * - default deny: a document is sent only when `mayRead` of domain/permissions.ts allows it, with
 *   the documents its rule needs looked up in bulk per page and remembered for the request
 *   (related.ts); anything the rule cannot decide is left out;
 * - RxDB treats a batch shorter than `limit` as "caught up", so this keeps reading until the batch
 *   is full or the feed's end is reached, however many documents the filter drops;
 * - the checkpoint always advances past everything read, filtered or not, and names the actor's
 *   rights, the store database and the last change read (checkpoints.ts);
 * - a checkpoint the server cannot continue from (issued under other rights, for another
 *   incarnation of the database, past its end, naming a change the store no longer knows, or
 *   malformed) starts over from the beginning of the feed (feed-guard.ts), and so does one the
 *   store itself refuses (400): never an empty answer that would hide later writes, never an
 *   error a phone would retry forever;
 * - `remaining` estimates the documents still to come for this reader: 0 once the feed's end was
 *   reached, else `_changes`' `pending` (CouchDB) or, when the store sends none (the embedded
 *   store), the distance from the last sequence read to the database's `update_seq` (leading
 *   integers), capped by its document count when the store reports tombstones. It counts changes
 *   the reader may not be allowed to read, so with filtering it is an upper bound. Sequences stay
 *   opaque otherwise.
 */
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { Actor } from '../../domain/permissions';
import type { PullResponse } from '../../domain/sync-protocol';
import type { Couch, StoredDocument } from '../store/couch';
import { anchorOf, checkpointFor, feedPosition, sequenceNumber, type ChangeRow } from './checkpoints';
import { feedGuardOf, START_OVER, type DatabaseInfo } from './feed-guard';
import { readableBy, RelatedLookup } from './related';
import { toWire } from './wire';

type ChangesBody = {
  results: (ChangeRow & { id: string; seq: string | number; deleted?: boolean; doc?: StoredDocument })[];
  last_seq: string | number;
  pending?: number;
};

/** One page of `actor`'s pull of `collection` after `checkpoint` (as handed out before, or '0'). */
export async function pullChanges(couch: Couch, collection: CollectionName, checkpoint: string, limit: number, actor: Actor): Promise<PullResponse> {
  const guard = feedGuardOf(couch);
  const info = await guard.info(collection);
  const identity = await guard.identity(collection);
  const lookup = new RelatedLookup(couch);
  const documents: WireDocument[] = [];
  let { seq, anchor } = await guard.startOf(collection, actor, checkpoint, identity, info);
  let pending: number | undefined;
  let atEnd = false;
  for (;;) {
    const wanted = limit - documents.length;
    let body: ChangesBody;
    try {
      body = (await couch.nano.request({
        db: couch.dbName(collection),
        path: '_changes',
        qs: { since: seq, limit: wanted, include_docs: true },
      })) as ChangesBody;
    } catch (error) {
      // The store cannot continue from this sequence (e.g. CouchDB's "Malformed sequence"): start over.
      if ((error as { statusCode?: number }).statusCode !== 400 || seq === START_OVER.seq || documents.length > 0) throw error;
      ({ seq, anchor } = START_OVER);
      continue;
    }
    // A tombstone written without its body (by a tool outside this server) cannot pass the
    // client's schema; our own deletions always keep the body.
    const page = body.results.flatMap((change) => (change.doc && Object.keys(change.doc).some((key) => !key.startsWith('_')) ? [toWire(change.doc)] : []));
    documents.push(...readableBy(actor, collection, page, await lookup.of(collection, page, 'read')));
    seq = String(body.last_seq);
    anchor = anchorOf(body.results.at(-1) ?? {}) ?? anchor;
    pending = body.pending;
    atEnd = body.results.length < wanted;
    if (atEnd || documents.length >= limit) break;
  }
  guard.remember(collection, identity, anchor);
  const remaining = atEnd ? 0 : (pending ?? estimateRemaining(info, seq));
  return { documents, checkpoint: { seq: checkpointFor(actor, identity, feedPosition(anchor, seq)) }, remaining };
}

/** Changes after `seq` by the database's end: each write takes one sequence, each document one row of `_changes`. */
function estimateRemaining(info: DatabaseInfo, seq: string): number {
  const changes = sequenceNumber(info.update_seq) - sequenceNumber(seq);
  const rows = info.doc_del_count === undefined ? Infinity : info.doc_count + info.doc_del_count;
  const estimate = Math.min(changes, rows);
  return Number.isFinite(estimate) && estimate > 0 ? estimate : 0;
}
