/**
 * The browser's storage for this site: how much is used, and whether it is persistent (kept when
 * the phone runs low on space). Everything degrades to "unknown" where the API is missing.
 */
export type StorageReport = {
  usage: number | null;
  quota: number | null;
  /** null: the browser cannot say. */
  persisted: boolean | null;
};

function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

export async function readStorageReport(): Promise<StorageReport> {
  const manager = storageManager();
  const [estimate, persisted] = await Promise.all([
    typeof manager?.estimate === 'function' ? manager.estimate() : Promise.resolve(undefined),
    typeof manager?.persisted === 'function' ? manager.persisted() : Promise.resolve(null),
  ]);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/**
 * Asks for persistent storage unless it is already granted; resolves to whether it is. Never
 * rejects: a browser that cannot grant it (missing API, an insecure context) simply has not.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const manager = storageManager();
  if (typeof manager?.persist !== 'function') return false;
  try {
    if (typeof manager.persisted === 'function' && (await manager.persisted())) return true;
    return await manager.persist();
  } catch (error) {
    if (error instanceof DOMException || error instanceof TypeError) return false;
    throw error;
  }
}
