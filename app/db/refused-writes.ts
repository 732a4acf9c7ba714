/**
 * Writes the server refused (schema or rule), kept on the phone with the server's reason until the
 * user fixes and retries or discards them; never dropped silently. `serverState` is the state the
 * server still holds (the one the refused write was based on; null for a new document), so a retry
 * after a fix is pushed against the right base.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { readLocal, type LocalDocumentsHolder } from './local-state';
import type { WireDocument } from '../../domain/documents';
import type { RefusedWrite } from '../../domain/sync-protocol';

const REFUSED_DOC = 'refused-writes';

export type RefusedItem = RefusedWrite & {
  collection: string;
  document: WireDocument;
  serverState: WireDocument | null;
  refusedAt: number;
};

export class RefusedWrites {
  private items: RefusedItem[] = [];
  private readonly subject = new BehaviorSubject<readonly RefusedItem[]>([]);
  private queue: Promise<unknown> = Promise.resolve();
  private constructor(private readonly db: LocalDocumentsHolder) {}

  static async open(db: LocalDocumentsHolder): Promise<RefusedWrites> {
    const refused = new RefusedWrites(db);
    refused.items = [...(await readLocal(db, REFUSED_DOC, { items: [] as RefusedItem[] })).items];
    refused.subject.next(refused.items);
    return refused;
  }

  get items$(): Observable<readonly RefusedItem[]> {
    return this.subject.asObservable();
  }

  /** Every refused write now, oldest first. */
  list(): readonly RefusedItem[] {
    return this.items;
  }

  find(collection: string, id: string): RefusedItem | undefined {
    return this.items.find((item) => item.collection === collection && item.id === id);
  }

  record(items: readonly RefusedItem[]): Promise<void> {
    return this.update((current) => [
      ...current.filter((old) => !items.some((item) => item.collection === old.collection && item.id === old.id)),
      ...items,
    ]);
  }

  forget(collection: string, ids: readonly string[]): Promise<void> {
    return this.update((current) => current.filter((item) => item.collection !== collection || !ids.includes(item.id)));
  }

  private update(change: (current: RefusedItem[]) => RefusedItem[]): Promise<void> {
    const run = this.queue.then(async () => {
      const next = change(this.items);
      if (next.length === this.items.length && next.every((item, index) => item === this.items[index])) return;
      this.items = next;
      this.subject.next(next);
      if (!this.db.closed) await this.db.upsertLocal(REFUSED_DOC, { items: next });
    });
    // The caller gets the failure through `run`; the queue itself must keep going.
    this.queue = run.catch(() => undefined);
    return run;
  }
}
