/**
 * Controls that make sync races deterministic in integration tests:
 * - `SlowDisk`, a storage wrapper that can hold the replication's bookkeeping (RxDB writes a pulled
 *   document to the collection first, and its "assumed master state" and the checkpoints to the
 *   replication's meta storage in later, separate writes) and then let it land, or lose it as a
 *   closed tab loses IndexedDB writes it had not committed;
 * - `Wire`, a fetch wrapper that records every pushed row and can hold pull answers and the live
 *   stream's bytes, to deliver them in the order a test chooses.
 */
import { gunzipSync } from 'node:zlib';
import type { RxStorage, RxStorageInstance } from 'rxdb/plugins/core';
import type { PushRow } from '../../../domain/sync-protocol';

/**
 * The replication's bookkeeping of pulled documents, written after the documents themselves: their
 * meta rows ("assumed master state") and the pull and push checkpoints.
 */
const BOOKKEEPING = new Set(['replication-down-write-meta', 'replication-set-checkpoint']);

/** What a write that never reached the disk looks like to a page that did not live to see it fail. */
const VANISHED = { error: [] };

export class SlowDisk {
  private holding = false;
  private waiting: (() => void)[] = [];
  /** Instances of the closed tab: their bookkeeping writes vanish. */
  private readonly closed = new WeakSet<object>();
  private readonly open = new Set<object>();

  constructor(private readonly inner: RxStorage<unknown, unknown>) {}

  /** The storage to open the phone's database on. */
  get storage(): RxStorage<unknown, unknown> {
    return {
      ...this.inner,
      name: this.inner.name,
      rxdbVersion: this.inner.rxdbVersion,
      createStorageInstance: async (params) => {
        const instance = await this.inner.createStorageInstance(params);
        return this.wrap(instance as RxStorageInstance<unknown, unknown, unknown>) as never;
      },
    };
  }

  /** From now on the bookkeeping waits; the documents themselves are written. */
  holdBookkeeping(): void {
    this.holding = true;
  }

  /** Bookkeeping writes waiting now. */
  get held(): number {
    return this.waiting.length;
  }

  /** Lets the waiting writes land and stops holding. */
  release(): void {
    this.holding = false;
    for (const land of this.waiting.splice(0)) land();
  }

  /**
   * The tab is gone (call it once its sync has stopped): the waiting bookkeeping never reaches the
   * disk, nor does any the closing page still starts. Databases opened afterwards write normally.
   */
  closeTab(): void {
    this.holding = false;
    for (const instance of this.open) this.closed.add(instance);
    this.open.clear();
    for (const vanish of this.waiting.splice(0)) vanish();
  }

  private wrap(instance: RxStorageInstance<unknown, unknown, unknown>): RxStorageInstance<unknown, unknown, unknown> {
    const bulkWrite = instance.bulkWrite.bind(instance);
    this.open.add(instance);
    const write = async (rows: Parameters<typeof bulkWrite>[0], context: string): ReturnType<typeof bulkWrite> => {
      if (!BOOKKEEPING.has(context)) return bulkWrite(rows, context);
      if (this.holding) await new Promise<void>((resume) => this.waiting.push(resume));
      return this.closed.has(instance) ? VANISHED : bulkWrite(rows, context);
    };
    // Replaced on the instance itself, so wrappers above (the app's own) still see their writes.
    instance.bulkWrite = write;
    return instance;
  }
}

type HeldAnswer = { release(): void };

/** What the phone sent and what it was sent, with answers that can be held back. */
export class Wire {
  /** Every row of every push the phone sent, by collection, in order. */
  readonly pushed: { collection: string; row: PushRow }[] = [];
  /** Collections of the pull requests the phone made, in order. */
  readonly pulls: string[] = [];
  private holdingPulls = false;
  private heldPulls: HeldAnswer[] = [];
  private holdingStream = false;
  private heldStream: HeldAnswer[] = [];

  constructor(private readonly inner: typeof fetch) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const route = /\/api\/sync\/([^/?]+)\/(pull|push)/.exec(url);
    if (route?.[2] === 'push') {
      // Phones gzip their push bodies (app/db/gzip-body.ts): read what the server will read.
      const body = init?.body;
      const text = typeof body === 'string' ? body : body instanceof Uint8Array ? gunzipSync(body).toString('utf8') : null;
      if (text === null) throw new Error('Wire cannot read this push body: record it before it is sent');
      for (const row of JSON.parse(text) as PushRow[]) this.pushed.push({ collection: route[1]!, row });
    }
    const response = await this.inner(input, init);
    if (route?.[2] === 'pull') {
      this.pulls.push(route[1]!);
      if (this.holdingPulls) await this.wait(this.heldPulls);
      return response;
    }
    if (url.endsWith('/api/sync/stream') && response.body) return this.gatedStream(response);
    return response;
  };

  /** Pull answers (already computed by the server) wait until `releasePulls()`. */
  holdPulls(): void {
    this.holdingPulls = true;
  }

  get heldPullCount(): number {
    return this.heldPulls.length;
  }

  releasePulls(): void {
    this.holdingPulls = false;
    for (const held of this.heldPulls.splice(0)) held.release();
  }

  /** The live stream's bytes wait (the connection stays open) until `releaseStream()`. */
  holdStream(): void {
    this.holdingStream = true;
  }

  releaseStream(): void {
    this.holdingStream = false;
    for (const held of this.heldStream.splice(0)) held.release();
  }

  /** Ids of the documents the phone pushed, in `collection` or all. */
  pushedIds(collection?: string): string[] {
    return this.pushed.filter((entry) => collection === undefined || entry.collection === collection).map((entry) => entry.row.newDocumentState.id);
  }

  private wait(queue: HeldAnswer[]): Promise<void> {
    return new Promise<void>((resolve) => queue.push({ release: resolve }));
  }

  private gatedStream(response: Response): Response {
    const body = response.body!.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: async (chunk, controller) => {
          if (this.holdingStream) await this.wait(this.heldStream);
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
}
