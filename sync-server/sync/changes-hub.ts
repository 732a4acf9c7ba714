/**
 * Follows CouchDB's `_changes` once per database (continuous feed, uncompressed, from "now") and
 * fans the changes out to every live-stream subscriber of this server instance; instances need no
 * broker, each follows the store itself. Changes arriving within a few milliseconds are sent as one
 * event. When a feed breaks (store restart, network) it resumes from its last sequence and tells
 * subscribers to RESYNC, so a client never relies on an event that may have been missed.
 */
import { COLLECTION_NAMES, type CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { StreamEvent } from '../../domain/sync-protocol';
import type { Logger } from '../logger';
import type { Couch, StoredDocument } from '../store/couch';
import { toWire } from './wire';

type Listener = (event: StreamEvent) => void;
type ChangeLine = { seq?: string | number; id?: string; doc?: StoredDocument; last_seq?: string | number };

const BATCH_WINDOW_MS = 30;
const HEARTBEAT_MS = 10_000;

export class ChangesHub {
  private readonly listeners = new Set<Listener>();
  private readonly controllers = new Map<CollectionName, AbortController>();
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

  private emit(event: StreamEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async follow(collection: CollectionName, since: string, failures: number): Promise<void> {
    let lastSeq = since;
    const controller = new AbortController();
    this.controllers.set(collection, controller);
    try {
      const lines = this.couch.followChanges(collection, since, HEARTBEAT_MS, controller.signal);
      if (failures > 0) {
        this.logger.info({ collection, since }, 'changes feed resumed');
        this.emit({ collection, resync: true });
      }
      failures = 0;
      let pending: WireDocument[] = [];
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        if (pending.length === 0) return;
        const byId = new Map(pending.map((doc) => [doc.id, doc]));
        pending = [];
        this.emit({ collection, documents: [...byId.values()], checkpoint: { seq: lastSeq } });
      };
      for await (const line of lines) {
        const change = JSON.parse(line) as ChangeLine & { error?: string; reason?: string };
        if (change.error) throw new Error(`changes feed of ${collection}: ${change.error} ${change.reason ?? ''}`);
        if (change.seq !== undefined) lastSeq = String(change.seq);
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
