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
 *   error a phone would retry forever. When the reason is the store (restored, recreated: not
 *   the reader's rights), the first page says `startedOver`, so the phone offers again what it
 *   holds and the store lost (app/db/replication.ts);
 * - `remaining` estimates the documents still to come for this reader: 0 once the feed's end was
 *   reached, else `_changes`' `pending` (CouchDB) or, when the store sends none (the embedded
 *   store), the distance from the last sequence read to the database's `update_seq` (leading
 *   integers), capped by its document count when the store reports tombstones. It counts changes
 *   the reader may not be allowed to read, so with filtering it is an upper bound. Sequences stay
 *   opaque otherwise;
 * - a first sync (or any long catch-up) may ask for many pages in one answer (`pullPages`,
 *   streamed by the route as they are read): each page and its checkpoint are exactly what
 *   separate requests would get, so a phone stores them one by one and a cut link costs at most
 *   the page it cut, while the link never waits for a round trip between pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  for await (const page of pullPages(couch, collection, checkpoint, limit, actor, 1)) return page;
  throw new Error('a pull yields at least one page');
}

/**
 * Up to `maxPages` consecutive pages of `actor`'s pull, each one exactly what `pullChanges` would
 * answer from the checkpoint of the page before (the first from `checkpoint`): a phone may store
 * any page with its checkpoint and continue from there with a new request. Ends after the page
 * that reached the feed's end (remaining 0, fewer than `limit` documents). The checkpoint is
 * checked once, and the related documents the read rules need are looked up once for all pages.
 */
export async function* pullPages(
  couch: Couch,
  collection: CollectionName,
  checkpoint: string,
  limit: number,
  actor: Actor,
  maxPages: number,
): AsyncGenerator<PullResponse, void, undefined> {
  const guard = feedGuardOf(couch);
  const info = await guard.info(collection);
  const identity = await guard.identity(collection);
  const lookup = new RelatedLookup(couch);
  let { seq, anchor, storeChanged } = await guard.startOf(collection, actor, checkpoint, identity, info);
  for (let pages = 0; pages < maxPages; pages++) {
    const documents: WireDocument[] = [];
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
        if ((error as { statusCode?: number }).statusCode !== 400 || seq === START_OVER.seq || documents.length > 0 || pages > 0) throw error;
        ({ seq, anchor } = START_OVER);
        storeChanged = true;
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
    const page: PullResponse = { documents, checkpoint: { seq: checkpointFor(actor, identity, feedPosition(anchor, seq)) }, remaining };
    // Only the first page says it: the pages after it continue the restarted read.
    if (storeChanged && pages === 0) page.startedOver = true;
    yield page;
    if (atEnd) return;
  }
}

/** Changes after `seq` by the database's end: each write takes one sequence, each document one row of `_changes`. */
function estimateRemaining(info: DatabaseInfo, seq: string): number {
  const changes = sequenceNumber(info.update_seq) - sequenceNumber(seq);
  const rows = info.doc_del_count === undefined ? Infinity : info.doc_count + info.doc_del_count;
  const estimate = Math.min(changes, rows);
  return Number.isFinite(estimate) && estimate > 0 ? estimate : 0;
}

/** The error a streamed pull ends with when a later page fails (its headers, 200, were sent with the first page). */
export const STREAM_FAILED = { code: 'store-unavailable', message: 'The pull stopped before its end; continue from the last checkpoint received' } as const;

/**
 * Sends pages as one JSON array, each page on its own line (`[\n<page>\n,<page>\n]\n`), flushed
 * through the compression as soon as it is read, so the client can store each page while the next
 * is on its way; waits while the connection is full (a slow link sets the pace, not memory).
 * The first page is read before anything is sent, so a failure to start is an ordinary error
 * answer; a later failure ends the array with `{ "error": … }` (STREAM_FAILED), which the client
 * treats as a failed request after storing the pages before it. Stops reading when the client goes.
 */
export async function sendPages(
  request: IncomingMessage,
  response: ServerResponse & { flush?: () => void },
  pages: AsyncGenerator<PullResponse, void, undefined>,
  onError: (error: unknown) => void,
): Promise<void> {
  const first = await pages.next();
  let gone = false;
  request.on('close', () => (gone = true));
  response.on('close', () => (gone = true));
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  let separator = '[\n';
  // One listener each for the whole answer (the compression middleware hands 'drain' listeners to
  // its gzip stream and cannot remove them): each wakes whoever waits for room.
  let wake: (() => void) | null = null;
  const resume = () => {
    wake?.();
    wake = null;
  };
  response.on('drain', resume).on('close', resume);
  const write = async (text: string) => {
    if (!response.write(text) && !gone) await new Promise<void>((resolve) => (wake = resolve));
    response.flush?.();
  };
  try {
    for (let page = first; !page.done && !gone; page = await pages.next()) {
      // The newline after each page tells the client it is whole before the next one starts.
      await write(`${separator}${JSON.stringify(page.value)}\n`);
      separator = ',';
    }
  } catch (error) {
    onError(error);
    if (!gone) await write(`${separator}${JSON.stringify({ error: STREAM_FAILED })}\n`);
  } finally {
    await pages.return();
  }
  if (!gone) response.end(']\n');
}
