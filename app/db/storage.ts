/**
 * The browser's storage for this site: how much is used, whether it is persistent (kept when the
 * phone runs low on space), whether it is running out, and the writes a full disk refused.
 * Guarantees:
 * - every reading degrades to "unknown" where the API is missing, never to an error;
 * - persistence is asked for once per page, after the first local write (`afterLocalWrite`), not
 *   before the phone holds anything worth keeping;
 * - a write the disk refused (`QuotaExceededError`, however deeply RxDB and Dexie wrapped it) is
 *   kept in memory (`unsavedWrites`) until it is saved or the page closes; it is listed in Settings
 *   and in the export, never swallowed.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';

export type StorageReport = {
  usage: number | null;
  quota: number | null;
  /** null: the browser cannot say. */
  persisted: boolean | null;
};

/** Below this share of the quota free, storage counts as low. */
export const LOW_STORAGE_SHARE = 0.1;
/** Below this many bytes free, storage counts as low whatever the share. */
export const LOW_STORAGE_BYTES = 50 * 1024 * 1024;

/** What Settings warns about: nothing, a browser free to evict the data, little space left, or both. */
export type StorageWarning = { low: boolean; notPersistent: boolean; free: number | null };

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

/** Whether a report calls for a warning: less than 10 % or 50 MB free, or not persistent. */
export function storageWarning(report: StorageReport): StorageWarning {
  const free = report.usage !== null && report.quota !== null ? Math.max(0, report.quota - report.usage) : null;
  const low = free !== null && report.quota !== null && (free < LOW_STORAGE_BYTES || free < report.quota * LOW_STORAGE_SHARE);
  return { low, notPersistent: report.persisted === false, free };
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

let persistenceAsked: Promise<boolean> | null = null;

/** Called after every successful local write: the first one of the page asks for persistence. */
export function afterLocalWrite(): Promise<boolean> {
  persistenceAsked ??= requestPersistentStorage();
  return persistenceAsked;
}

/** Test seam: forget that persistence was asked on this page. */
export function resetPersistenceRequest(): void {
  persistenceAsked = null;
}

/**
 * True when `error` (or an error it wraps: Dexie's `inner`, `cause`, RxDB's `parameters.error(s)`)
 * says the disk is full: a `QuotaExceededError` DOMException, Dexie's `QuotaExceededError`, or
 * Firefox's older `NS_ERROR_DOM_QUOTA_REACHED`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 6 || error === null || typeof error !== 'object') return false;
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    parameters?: { error?: unknown; errors?: unknown };
  };
  if (candidate.name === 'QuotaExceededError' || candidate.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (typeof candidate.message === 'string' && /QuotaExceeded|quota (has been )?exceeded/i.test(candidate.message)) return true;
  const inner = [candidate.inner, candidate.cause, candidate.parameters?.error];
  if (Array.isArray(candidate.parameters?.errors)) inner.push(...(candidate.parameters.errors as unknown[]));
  return inner.some((next) => isQuotaError(next, depth + 1));
}

/** A local write refused because the disk is full; the write is kept in `unsavedWrites`. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** A write the disk refused, kept in memory until it is saved. */
export type UnsavedWrite = {
  /** The database it belongs to (one per member). */
  database: string;
  collection: CollectionName;
  document: WireDocument;
  failedAt: number;
};

const unsaved = new BehaviorSubject<readonly UnsavedWrite[]>([]);

/** Writes the disk refused on this page, newest state per document. */
export const unsavedWrites = {
  get items$(): Observable<readonly UnsavedWrite[]> {
    return unsaved.asObservable();
  },
  list(database?: string): readonly UnsavedWrite[] {
    return database === undefined ? unsaved.value : unsaved.value.filter((item) => item.database === database);
  },
  /** Keeps a refused write (replacing an older refused state of the same document). */
  keep(write: UnsavedWrite): void {
    unsaved.next([
      ...unsaved.value.filter(
        (item) => !(item.database === write.database && item.collection === write.collection && item.document.id === write.document.id),
      ),
      write,
    ]);
  },
  /** Forgets what was kept of a document once a state of it has been saved. */
  saved(database: string, collection: CollectionName, id: string): void {
    const rest = unsaved.value.filter((item) => !(item.database === database && item.collection === collection && item.document.id === id));
    if (rest.length !== unsaved.value.length) unsaved.next(rest);
  },
  /** Test seam. */
  clear(): void {
    unsaved.next([]);
  },
};
