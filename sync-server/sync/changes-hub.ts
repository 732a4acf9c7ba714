/**
 * Follows CouchDB's `_changes` once per database (continuous feed, uncompressed, from "now") and
 * fans the changes out to every live-stream subscriber of this server instance; instances need no
 * broker, each follows the store itself. Guarantees:
 * - changes arriving within the batch window (`batchWindowMs`: 100 ms, longer with many streams, at
 *   most 400 ms) are handed out as one batch, with the documents the
 *   read rules need (related.ts) looked up once per batch for all subscribers, so each subscriber
 *   filters for its own actor without asking the store (stream.ts);
 * - batches of one collection reach subscribers in the order of the feed (those that arrive while
 *   the previous one is still being handed out merge into one: `enqueue`), and every subscriber
 *   gets all events (of all collections) in the same order: hand-outs run one at a time;
 * - a hand-out never holds the event loop for all subscribers at once: it goes to EMIT_CHUNK
 *   subscribers, then yields (setImmediate) so requests waiting meanwhile (pushes, pulls) are
 *   served between chunks, whose socket writes would otherwise block them for the whole fan-out;
 * - while no stream is open, a change costs no parsing and no batching (only a line that may be a
 *   feed error is read): a stream subscribes before its client hears it is connected, and every
 *   connection makes the client pull from its own checkpoint (a RESYNC, app/db/sync-stream.ts),
 *   which brings every change the feed had read before; an event's position is that of its own
 *   last change read, so no checkpoint handed out passes a change that was skipped while its
 *   subscriber was already there (nothing is skipped while anyone is);
 * - when a feed breaks (store restart, network) it resumes from "now", retrying with
 *   exponential back-off and jitter (FEED_RETRY_*; the failure count is reset only once a feed has
 *   sent something after opening, a heartbeat at least, so a store that accepts and dies keeps
 *   backing off), and tells subscribers to RESYNC once per outage, when the feed is open again;
 *   so does a batch whose related documents cannot be read: a client never relies on an event that
 *   may have been missed, and nothing unfiltered is ever handed out.
 */
import { COLLECTION_NAMES, type CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { Related } from '../../domain/permissions';
import type { Logger } from '../logger';
import type { Couch, StoredDocument } from '../store/couch';
import { anchorOf, feedPosition } from './checkpoints';
import { RelatedLookup } from './related';
import { toWire } from './wire';

/** What the hub hands a subscriber: one collection's changed documents (unfiltered, with their related documents), or a request to pull again. */
export type HubEvent =
  | { collection: CollectionName; documents: WireDocument[]; /** Where the feed stood after the batch (checkpoints.ts feedPosition). */ seq: string; related: ReadonlyMap<string, Related> }
  | { collection: CollectionName; resync: true };

type Listener = (event: HubEvent) => void;
/** Batches waiting for their hand-out: documents with the feed position after them, or a RESYNC. */
type Backlog = ({ documents: WireDocument[]; seq: string } | 'resync')[];
type ChangeLine = { seq?: string | number; id?: string; changes?: { rev?: string }[]; doc?: StoredDocument; last_seq?: string | number };

/**
 * Changes arriving within the window go out as one event: with many live streams the cost of a
 * change is paid per event and per stream (one socket write each), so 50 writes a second cost 10
 * events a second, not 50. The window grows with the streams (0.25 ms each: 250 ms for 1,000), so
 * a busy server writes to each socket less often, carrying more, for at most 300 ms more latency.
 */
const BATCH_WINDOW_MS = 100;
const BATCH_WINDOW_PER_SUBSCRIBER_MS = 0.25;
const BATCH_WINDOW_MAX_MS = 400;

/** The batch window for `subscribers` open streams (see BATCH_WINDOW_MS). */
export function batchWindowMs(subscribers: number): number {
  return Math.min(BATCH_WINDOW_MAX_MS, Math.max(BATCH_WINDOW_MS, Math.round(subscribers * BATCH_WINDOW_PER_SUBSCRIBER_MS)));
}
const HEARTBEAT_MS = 10_000;
/** Subscribers handed an event between two yields to the event loop (≈ 2–4 ms of socket writes on a slow CPU). */
const EMIT_CHUNK = 100;
/** First retry of a broken feed, and the longest wait between retries. */
export const FEED_RETRY_BASE_MS = 250;
export const FEED_RETRY_CAP_MS = 15_000;

/**
 * Wait before retry number `failures` (1, 2, …) of a broken feed: doubling from FEED_RETRY_BASE_MS
 * up to FEED_RETRY_CAP_MS, the upper half of it random ("equal jitter"), so the feeds of many
 * server instances do not hit a store that comes back all at the same instant.
 */
export function feedRetryDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(FEED_RETRY_CAP_MS, FEED_RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export class ChangesHub {
  private readonly listeners = new Set<Listener>();
  private readonly controllers = new Map<CollectionName, AbortController>();
  /** Per collection, what waits to be handed out, in feed order (see `enqueue`). */
  private readonly backlogs = new Map<CollectionName, Backlog>();
  /** The collections whose backlog is being handed out now. */
  private readonly draining = new Set<CollectionName>();
  private readonly retryTimers = new Map<CollectionName, { timer: NodeJS.Timeout; resolve: () => void }>();
  private readonly reconnectCounts = new Map<CollectionName, number>();
  private readonly openFeeds = new Set<CollectionName>();
  /** The hand-out in progress, of any collection: the next one waits for it (one order for every subscriber). */
  private emitting: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly couch: Couch,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** How often each feed has been opened again after breaking, since start (for tests and operators). */
  get reconnects(): ReadonlyMap<CollectionName, number> {
    return this.reconnectCounts;
  }

  /** The collections whose feed is open now (the store answered it), as opposed to broken or waiting to retry. */
  get following(): ReadonlySet<CollectionName> {
    return this.openFeeds;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  start(): void {
    for (const collection of COLLECTION_NAMES) void this.follow(collection);
  }

  stop(): void {
    this.stopped = true;
    for (const controller of this.controllers.values()) controller.abort();
    for (const { timer, resolve } of this.retryTimers.values()) {
      clearTimeout(timer);
      resolve();
    }
  }

  /** Hands `event` to every subscriber, EMIT_CHUNK at a time (see the module header). */
  private emit(event: HubEvent): Promise<void> {
    this.emitting = this.emitting.then(async () => {
      // Subscribers who leave meanwhile still get it (theirs ignores it once closed); those who come later do not.
      const listeners = [...this.listeners];
      for (let first = 0; first < listeners.length; first += EMIT_CHUNK) {
        if (first > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        for (const listener of listeners.slice(first, first + EMIT_CHUNK)) listener(event);
      }
    }).catch((error: unknown) => this.logger.error({ err: error, collection: event.collection }, 'a live-stream subscriber threw while taking an event'));
    return this.emitting;
  }

  /**
   * Hands a batch out after the previous one of its collection, with its related documents. While
   * a hand-out runs, the batches arriving meanwhile wait in the backlog and merge into one (the
   * newest version of each document, the newest position): when fan-out is slower than the feed
   * (many streams, many writes), events get larger instead of queueing up, so a stream falls
   * behind by one hand-out at most. A RESYNC is never merged away; batches merge only with
   * batches after the last RESYNC.
   */
  private enqueue(collection: CollectionName, documents: WireDocument[] | null, seq: string): void {
    let backlog = this.backlogs.get(collection);
    if (!backlog) {
      backlog = [];
      this.backlogs.set(collection, backlog);
    }
    const last = backlog.at(-1);
    if (documents !== null && last !== undefined && last !== 'resync') {
      const byId = new Map(last.documents.map((doc) => [doc.id, doc]));
      for (const doc of documents) byId.set(doc.id, doc);
      last.documents = [...byId.values()];
      last.seq = seq;
    } else backlog.push(documents === null ? 'resync' : { documents, seq });
    if (!this.draining.has(collection)) void this.drain(collection, backlog);
  }

  /** Hands out a collection's backlog in order until it is empty. */
  private async drain(collection: CollectionName, backlog: Backlog): Promise<void> {
    this.draining.add(collection);
    try {
      for (let next = backlog.shift(); next !== undefined; next = backlog.shift()) await this.handOut(collection, next);
    } finally {
      this.draining.delete(collection);
    }
  }

  private async handOut(collection: CollectionName, batch: Backlog[number]): Promise<void> {
    if (batch === 'resync') {
      await this.emit({ collection, resync: true });
      return;
    }
    if (this.listeners.size === 0) return;
    let related: ReadonlyMap<string, Related>;
    try {
      related = await new RelatedLookup(this.couch).of(collection, batch.documents, 'read');
    } catch (error) {
      this.logger.warn({ collection, err: error }, 'could not read what the stream filter needs; asking subscribers to pull');
      await this.emit({ collection, resync: true });
      return;
    }
    await this.emit({ collection, documents: batch.documents, seq: batch.seq, related });
  }

  /** Follows one collection's feed until `stop()`, reopening it after every break (see the module header). */
  private async follow(collection: CollectionName): Promise<void> {
    // Always from "now", also after a break: the RESYNC sent when the feed is back makes every
    // subscriber pull what happened meanwhile, and a store restored from an older backup (whose
    // sequences are behind the one last seen) cannot leave the stream silent until it catches up.
    const since = 'now';
    let failures = 0;
    let outage = false;
    while (!this.stopped) {
      const controller = new AbortController();
      this.controllers.set(collection, controller);
      let signs = 0;
      const alive = () => {
        signs += 1;
        if (signs === 1) this.openFeeds.add(collection);
        if (signs === 1 && outage) {
          // Open again: one RESYNC for the whole outage, however many retries it took.
          outage = false;
          this.logger.info({ collection, failures }, 'changes feed resumed');
          this.enqueue(collection, null, since);
        }
        if (signs === 2) failures = 0; // it has sent something since opening: it is really up
      };
      let pending: WireDocument[] = [];
      let position = '';
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        if (pending.length === 0) return;
        const byId = new Map(pending.map((doc) => [doc.id, doc]));
        pending = [];
        this.enqueue(collection, [...byId.values()], position);
      };
      try {
        for await (const line of this.couch.followChanges(collection, since, HEARTBEAT_MS, controller.signal, alive)) {
          // Nobody to hand it to, and whoever subscribes later pulls it (see the module header).
          if (this.listeners.size === 0 && !line.includes('"error"')) continue;
          const change = JSON.parse(line) as ChangeLine & { error?: string; reason?: string };
          if (change.error) throw new Error(`changes feed of ${collection}: ${change.error} ${change.reason ?? ''}`);
          if (change.seq !== undefined) position = feedPosition(anchorOf(change), change.seq);
          if (change.doc && Object.keys(change.doc).some((key) => !key.startsWith('_'))) {
            pending.push(toWire(change.doc));
            timer ??= setTimeout(flush, batchWindowMs(this.listeners.size));
          }
        }
        throw new Error(`changes feed of ${collection} ended`);
      } catch (error) {
        this.openFeeds.delete(collection);
        clearTimeout(timer);
        flush();
        if (this.stopped) return;
        outage = true;
        failures += 1;
        const delay = feedRetryDelayMs(failures, this.random);
        this.logger.warn({ collection, err: error, failures, retryInMs: delay }, 'changes feed broke; resuming');
        await this.pause(collection, delay);
        this.reconnectCounts.set(collection, (this.reconnectCounts.get(collection) ?? 0) + 1);
      }
    }
  }

  /** Waits `ms` before a retry; `stop()` ends the wait at once. */
  private pause(collection: CollectionName, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.retryTimers.delete(collection);
        resolve();
      }, ms);
      this.retryTimers.set(collection, { timer, resolve });
    });
  }
}
