/**
 * Getting a photo's bytes for display: from the phone when they are here (own photos, or fetched
 * before), otherwise from `GET /api/photos/:id`, checked against the metadata's SHA-256 before they
 * are kept. Bytes that do not match are thrown away, never stored nor shown.
 */
import type { Photo } from '../../../domain/schemas/photo';
import type { LocalStore } from '../../db/local-store';
import { sha256Hex } from './checksum';
import { photoStoreOf, type StoredPhotoBytes } from './photo-store';

export type PhotoBytesResult =
  | { state: 'ready'; bytes: StoredPhotoBytes }
  /** Not uploaded yet by its author's phone (404 photo-bytes-missing), or no connection and no copy here. */
  | { state: 'on-its-way' }
  | { state: 'failed'; reason: PhotoDownloadFailure };

/** `checksum-mismatch`: the server sent other bytes than the metadata describes (discarded). */
export type PhotoDownloadFailure = 'checksum-mismatch' | 'not-found' | 'server-error';

/** What a download needs of the metadata. */
export type PhotoToLoad = Pick<Photo, 'id' | 'sha256' | 'mimeType'>;

export type PhotoDownloadOptions = { baseUrl?: string; fetch?: typeof fetch; timeoutMs?: number };

const DEFAULT_TIMEOUT_MS = 30_000;

/** Downloads in progress by store and photo, so two views of one photo ask the server once. */
const inFlight = new WeakMap<LocalStore, Map<string, Promise<PhotoBytesResult>>>();

/** The bytes of `photo`, from the phone or the server. */
export function loadPhotoBytes(store: LocalStore, photo: PhotoToLoad, options: PhotoDownloadOptions = {}): Promise<PhotoBytesResult> {
  let running = inFlight.get(store);
  if (!running) inFlight.set(store, (running = new Map<string, Promise<PhotoBytesResult>>()));
  const key = `${photo.id}:${photo.sha256}`;
  let result = running.get(key);
  if (!result) {
    result = load(store, photo, options).finally(() => running.delete(key));
    running.set(key, result);
  }
  return result;
}

async function load(store: LocalStore, photo: PhotoToLoad, options: PhotoDownloadOptions): Promise<PhotoBytesResult> {
  const photos = photoStoreOf(store);
  const local = await photos.get(photo.id);
  if (local) return { state: 'ready', bytes: local };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { state: 'on-its-way' };
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetchImpl(`${options.baseUrl ?? ''}/api/photos/${encodeURIComponent(photo.id)}`, {
      credentials: 'same-origin',
      // The bytes of an id never change, but the service worker and HTTP cache must not keep them
      // past sign-out; the phone's own photo store is the cache.
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (response.status === 404) {
      const answer = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
      return answer?.error?.code === 'photo-bytes-missing' ? { state: 'on-its-way' } : { state: 'failed', reason: 'not-found' };
    }
    if (!response.ok) return { state: 'failed', reason: response.status >= 500 ? 'server-error' : 'not-found' };
    bytes = await response.arrayBuffer();
  } catch {
    // No network, a timeout or a connection cut mid-body: not here yet, asked again later.
    return { state: 'on-its-way' };
  }
  if ((await sha256Hex(bytes)) !== photo.sha256) return { state: 'failed', reason: 'checksum-mismatch' };
  const stored: StoredPhotoBytes = { bytes, mimeType: photo.mimeType };
  // On the server already: marked uploaded, so the upload queue never sends it back.
  await photos.put(photo.id, stored, { uploaded: true });
  return { state: 'ready', bytes: stored };
}
