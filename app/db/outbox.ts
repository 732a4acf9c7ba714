/**
 * Which local writes have not yet reached the server, per collection, kept in a local document so
 * the count ("3 changes waiting") survives reloads and days offline. An entry is `id → updatedAt` of
 * the newest local write; it is cleared when a push of that state (or a newer one) succeeds, or when
 * the server already holds a newer state (a conflict the merge resolves in the server's favour).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { CoalescingWriter, readLocal, type LocalDocumentsHolder } from './local-state';

const OUTBOX_DOC = 'outbox';
type Entries = Record<string, number>;

export class Outbox {
  private entries: Entries = {};
  private readonly count = new BehaviorSubject(0);
  private readonly writer: CoalescingWriter;
  private constructor(collection: LocalDocumentsHolder) {
    this.writer = new CoalescingWriter(collection, OUTBOX_DOC, () => ({ entries: { ...this.entries } }));
  }

  static async open(collection: LocalDocumentsHolder): Promise<Outbox> {
    const outbox = new Outbox(collection);
    outbox.entries = { ...(await readLocal(collection, OUTBOX_DOC, { entries: {} })).entries };
    outbox.count.next(Object.keys(outbox.entries).length);
    return outbox;
  }

  /** Number of documents with changes the server has not acknowledged. */
  get size$(): Observable<number> {
    return this.count.asObservable();
  }

  get size(): number {
    return this.count.value;
  }

  has(id: string): boolean {
    return Object.hasOwn(this.entries, id);
  }

  mark(id: string, updatedAt: number): Promise<void> {
    if ((this.entries[id] ?? -1) >= updatedAt) return Promise.resolve();
    this.entries[id] = updatedAt;
    return this.changed();
  }

  /** Clears entries whose newest local write is covered by `updatedAt`. */
  settle(settled: readonly { id: string; updatedAt: number }[]): Promise<void> {
    let cleared = false;
    for (const { id, updatedAt } of settled) {
      const pending = this.entries[id];
      if (pending !== undefined && pending <= updatedAt) {
        delete this.entries[id];
        cleared = true;
      }
    }
    return cleared ? this.changed() : Promise.resolve();
  }

  private changed(): Promise<void> {
    this.count.next(Object.keys(this.entries).length);
    return this.writer.save();
  }
}
