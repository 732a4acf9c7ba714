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
