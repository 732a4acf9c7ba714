/**
 * Follows CouchDB's `_changes` once per database (continuous feed, uncompressed, from "now") and
 * fans the changes out to every live-stream subscriber of this server instance; instances need no
 * broker, each follows the store itself. Guarantees:
 * - changes arriving within a few milliseconds are handed out as one batch, with the documents the
 *   read rules need (related.ts) looked up once per batch for all subscribers, so each subscriber
 *   filters for its own actor without asking the store (stream.ts);
 * - batches of one collection reach subscribers in the order of the feed;
 * - when a feed breaks (store restart, network) it resumes from its last sequence and tells
 *   subscribers to RESYNC, and so does a batch whose related documents cannot be read: a client
 *   never relies on an event that may have been missed, and nothing unfiltered is ever handed out.
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
type ChangeLine = { seq?: string | number; id?: string; changes?: { rev?: string }[]; doc?: StoredDocument; last_seq?: string | number };

const BATCH_WINDOW_MS = 30;
const HEARTBEAT_MS = 10_000;

export class ChangesHub {
  private readonly listeners = new Set<Listener>();
  private readonly controllers = new Map<CollectionName, AbortController>();
  /** Per collection, the hand-out in progress: the next batch waits for it (feed order). */
  private readonly queues = new Map<CollectionName, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly couch: Couch,
    private readonly logger: Logger,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  start(): void {
    for (const collection of COLLECTION_NAMES) void this.follow(collection, 'now', 0);
  }

  stop(): void {
    this.stopped = true;
    for (const controller of this.controllers.values()) controller.abort();
  }

  private emit(event: HubEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Hands a batch out after the previous one of its collection, with its related documents. */
  private enqueue(collection: CollectionName, documents: WireDocument[] | null, seq: string): void {
    const previous = this.queues.get(collection) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (documents === null) {
        this.emit({ collection, resync: true });
        return;
      }
      if (this.listeners.size === 0) return;
      try {
        const related = await new RelatedLookup(this.couch).of(collection, documents, 'read');
        this.emit({ collection, documents, seq, related });
      } catch (error) {
        this.logger.warn({ collection, err: error }, 'could not read what the stream filter needs; asking subscribers to pull');
        this.emit({ collection, resync: true });
      }
    });
    this.queues.set(collection, next);
  }

  private async follow(collection: CollectionName, since: string, failures: number): Promise<void> {
    let lastSeq = since;
    const controller = new AbortController();
    this.controllers.set(collection, controller);
    try {
      const lines = this.couch.followChanges(collection, since, HEARTBEAT_MS, controller.signal);
      if (failures > 0) {
        this.logger.info({ collection, since }, 'changes feed resumed');
        this.enqueue(collection, null, lastSeq);
      }
      failures = 0;
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
      for await (const line of lines) {
        const change = JSON.parse(line) as ChangeLine & { error?: string; reason?: string };
        if (change.error) throw new Error(`changes feed of ${collection}: ${change.error} ${change.reason ?? ''}`);
        if (change.seq !== undefined) {
          lastSeq = String(change.seq);
          position = feedPosition(anchorOf(change), change.seq);
        }
        if (change.doc && Object.keys(change.doc).some((key) => !key.startsWith('_'))) {
          pending.push(toWire(change.doc));
          timer ??= setTimeout(flush, BATCH_WINDOW_MS);
        }
      }
      clearTimeout(timer);
      flush();
      throw new Error(`changes feed of ${collection} ended`);
    } catch (error) {
      if (this.stopped) return;
      const delay = Math.min(10_000, 250 * 2 ** failures);
      this.logger.warn({ collection, err: error, retryInMs: delay }, 'changes feed broke; resuming');
      setTimeout(() => void this.follow(collection, lastSeq, failures + 1), delay);
    }
  }
}
