/**
 * Which local writes have not yet reached the server, per collection, kept in local documents so
 * the count ("3 changes waiting") survives reloads and days offline. An entry is `id → updatedAt` of
 * the newest local write; it is cleared when a push of that state (or a newer one) succeeds, or when
 * the server already holds a newer state (a conflict the merge resolves in the server's favour).
 * Entries are spread over a few buckets (by a hash of the id), each its own local document, so a
 * write rewrites a small document even when thousands of changes wait.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { CoalescingWriter, readLocal, type LocalDocumentsHolder } from './local-state';

const BUCKETS = 16;
type Entries = Record<string, number>;

function bucketOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % BUCKETS;
}

export class Outbox {
  private readonly buckets: Entries[] = Array.from({ length: BUCKETS }, () => ({}));
  private readonly writers: CoalescingWriter[];
  private total = 0;
  private readonly count = new BehaviorSubject(0);

  private constructor(collection: LocalDocumentsHolder) {
    this.writers = this.buckets.map(
      (_bucket, index) => new CoalescingWriter(collection, `outbox-${index}`, () => ({ entries: { ...this.buckets[index] } })),
    );
  }

  static async open(collection: LocalDocumentsHolder): Promise<Outbox> {
    const outbox = new Outbox(collection);
    for (let index = 0; index < BUCKETS; index++) {
      outbox.buckets[index] = { ...(await readLocal(collection, `outbox-${index}`, { entries: {} })).entries };
    }
    outbox.total = outbox.buckets.reduce((sum, bucket) => sum + Object.keys(bucket).length, 0);
    outbox.count.next(outbox.total);
    return outbox;
  }

  /** Number of documents with changes the server has not acknowledged. */
  get size$(): Observable<number> {
    return this.count.asObservable();
  }

  get size(): number {
    return this.count.value;
  }

  /** Ids of the documents with changes waiting. */
  ids(): string[] {
    return this.buckets.flatMap((bucket) => Object.keys(bucket));
  }

  has(id: string): boolean {
    return Object.hasOwn(this.buckets[bucketOf(id)]!, id);
  }

  /** Counts a local write of `id` stamped `updatedAt` as waiting (in memory at once; saved soon after). */
  mark(id: string, updatedAt: number): Promise<void> {
    const index = bucketOf(id);
    const bucket = this.buckets[index]!;
    const previous = bucket[id];
    if (previous !== undefined && previous >= updatedAt) return Promise.resolve();
    bucket[id] = updatedAt;
    if (previous === undefined) this.total += 1;
    this.count.next(this.total);
    return this.writers[index]!.save();
  }

  /** Clears entries whose newest local write is covered by `updatedAt`. */
  settle(settled: readonly { id: string; updatedAt: number }[]): Promise<void> {
    const touched = new Set<number>();
    for (const { id, updatedAt } of settled) {
      const index = bucketOf(id);
      const bucket = this.buckets[index]!;
      const pending = bucket[id];
      if (pending !== undefined && pending <= updatedAt) {
        delete bucket[id];
        this.total -= 1;
        touched.add(index);
      }
    }
    if (touched.size === 0) return Promise.resolve();
    this.count.next(this.total);
    return Promise.all([...touched].map((index) => this.writers[index]!.save())).then(() => undefined);
  }
}
