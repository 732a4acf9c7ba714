/** What per-device state needs of an RxDB database or collection: its local documents. */
export type LocalDocumentsHolder = {
  readonly closed: boolean;
  getLocal(id: string): Promise<{ toJSON(): { data: unknown } } | null>;
  upsertLocal(id: string, data: Record<string, unknown>): Promise<unknown>;
};

/** Reads a local document's data, or `fallback` when there is none. */
export async function readLocal<T>(holder: LocalDocumentsHolder, id: string, fallback: T): Promise<T> {
  const stored = await holder.getLocal(id);
  return stored ? (stored.toJSON().data as T) : fallback;
}

/**
 * Saves the latest state of one local document, one write at a time and at most one write per
 * `intervalMs`: changes made meanwhile are coalesced into the next write, so a burst of N changes
 * costs a few writes, not N (a write of a large local document is not cheap on a slow phone).
 * `save()` resolves once a write containing the state at the time of the call has finished.
 */
export class CoalescingWriter {
  private writing: Promise<void> | null = null;
  private dirty = false;

  constructor(
    private readonly holder: LocalDocumentsHolder,
    private readonly id: string,
    private readonly snapshot: () => Record<string, unknown>,
    private readonly intervalMs = 100,
  ) {}

  save(): Promise<void> {
    this.dirty = true;
    this.writing ??= this.writeUntilClean();
    return this.writing;
  }

  private async writeUntilClean(): Promise<void> {
    try {
      while (this.dirty && !this.holder.closed) {
        this.dirty = false;
        await this.holder.upsertLocal(this.id, this.snapshot());
        if (this.dirty) await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    } finally {
      this.writing = null;
    }
  }
}
