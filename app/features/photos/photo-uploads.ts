/**
 * The photo upload queue: sends the bytes of this phone's photos to `PUT /api/photos/:id`, one at
 * a time, in a loop of its own beside document sync (which it never waits for nor holds up).
 * Guarantees:
 * - a photo is sent once its bytes are here, unmarked, and its metadata document is on the phone;
 *   it is marked uploaded only when the server answered 200/201 with the photo's own checksum, so
 *   a retry after a cut connection sends it again and the server (idempotent by id) keeps one copy;
 * - 409 (metadata not on the server yet), 422 (bytes arrived damaged), 5xx, 429, other answers
 *   and network failures are retried after an exponential back-off with jitter; 413 and 415 are
 *   final and shown per photo; a 401 stops the queue until `wake()` (the member signed in again);
 * - on a Save-Data or cellular connection photos are held until `sendNow()`; the ones held at that
 *   moment are sent, later ones wait again;
 * - it wakes when a photo document changes (a new photo was saved), on `online`, and when the
 *   connection type changes; `stop()` aborts a request in flight and resolves when the loop ended.
 */
import type { Photo } from '../../../domain/schemas/photo';
import type { LocalStore } from '../../db/local-store';
import { photoStoreOf } from './photo-store';
import { usePhotoUploadStore, type PhotoUploadEntry, type PhotoUploadFailure } from './photo-upload-store';

export type PhotoUploadOptions = {
  /** Origin of the sync server, '' for the page's own. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Whether photos should wait for "Send now" (read before each upload); default: Save-Data or cellular. */
  isMetered?: () => boolean;
  /** Told when the server answers 401 (true). */
  onSignInRequired?: (required: boolean) => void;
  /** First pause after a failure, doubled per failure of the same photo up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Longest wait for one upload's answer. */
  timeoutMs?: number;
  random?: () => number;
};

export type PhotoUploads = {
  /** Stops the loop (aborting an upload in flight); resolves once it has ended. */
  stop(): Promise<void>;
  /** Sends the photos held for a metered connection, and retries waiting ones at once. */
  sendNow(): void;
  /** Looks again at once, also after a 401 (call it when the member has signed in again). */
  wake(): void;
};

const DEFAULT_RETRY_BASE_MS = 2_000;
const DEFAULT_RETRY_MAX_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 60_000;

const FINAL_FAILURES: Readonly<Record<number, PhotoUploadFailure>> = { 413: 'photo-too-large', 415: 'photo-type-not-allowed' };

type NetworkInformation = EventTarget & { saveData?: boolean; type?: string };

function connectionInfo(): NetworkInformation | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { connection?: NetworkInformation }).connection;
}

/** Save-Data is on, or the browser says the network is cellular (Chromium's Network Information API). */
export function connectionIsMetered(): boolean {
  const connection = connectionInfo();
  return connection?.saveData === true || connection?.type === 'cellular';
}

type Outcome = { kind: 'uploaded' } | { kind: 'retry'; reason: string } | { kind: 'failed'; failure: PhotoUploadFailure } | { kind: 'sign-in' };

/** Starts the queue for `store`'s photos. */
export function startPhotoUploads(store: LocalStore, options: PhotoUploadOptions = {}): PhotoUploads {
  const baseUrl = options.baseUrl ?? '';
  const isMetered = options.isMetered ?? connectionIsMetered;
  const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const retryMaxMs = options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const random = options.random ?? Math.random;
  const photos = photoStoreOf(store);
  const ui = usePhotoUploadStore.getState();

  /** Failed attempts and when the next may start, per photo. */
  const retries = new Map<Photo['id'], { failures: number; dueAt: number }>();
  const failed = new Map<Photo['id'], PhotoUploadFailure>();
  /** Photos the member said to send on a metered connection. */
  const approved = new Set<Photo['id']>();
  let approveHeld = false;
  let signInRequired = false;
  let sending: Photo['id'] | null = null;
  let stopped = false;
  let roundFailures = 0;
  let inFlight: AbortController | null = null;

  let wakeUp: (() => void) | null = null;
  let woken = false;
  /** Looks again (a photo changed, the network came back); a 401 still waits for `wake()`. */
  const poke = () => {
    woken = true;
    wakeUp?.();
  };
  const wake = () => {
    signInRequired = false;
    poke();
  };
  const sleep = (ms: number | null) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = ms === null ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  const pause = (failures: number) => {
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
    return ceiling / 2 + random() * (ceiling / 2);
  };

  function publish(candidates: readonly Photo['id'][], metered: boolean): void {
    const entries = candidates.map((id): PhotoUploadEntry => {
      const failure = failed.get(id);
      if (failure) return { id, state: 'failed', failure };
      if (id === sending) return { id, state: 'sending' };
      if (signInRequired) return { id, state: 'sign-in-required' };
      if (metered && !approved.has(id)) return { id, state: 'held' };
      return { id, state: retries.has(id) ? 'retrying' : 'waiting' };
    });
    ui.publish(entries);
  }

  async function upload(photo: Photo): Promise<Outcome> {
    const stored = await photos.get(photo.id);
    // Gone since the round began (deleted): nothing to send.
    if (!stored) return { kind: 'uploaded' };
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    const controller = new AbortController();
    inFlight = controller;
    const timer = setTimeout(() => controller.abort(new Error('photo upload timed out')), timeoutMs);
    try {
      const response = await fetchImpl(`${baseUrl}/api/photos/${encodeURIComponent(photo.id)}`, {
        method: 'PUT',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'content-type': photo.mimeType, accept: 'application/json' },
        body: stored.bytes,
        signal: controller.signal,
      });
      const answer = (await response.json().catch(() => null)) as { sha256?: unknown; error?: { code?: unknown } } | null;
      if (response.status === 200 || response.status === 201) {
        // The server keeps what it checked against the metadata; another checksum would mean another photo.
        if (answer?.sha256 !== photo.sha256) return { kind: 'retry', reason: `the server holds other bytes (${String(answer?.sha256)})` };
        return { kind: 'uploaded' };
      }
      if (response.status === 401) return { kind: 'sign-in' };
      const failure = FINAL_FAILURES[response.status];
      if (failure) return { kind: 'failed', failure };
      return { kind: 'retry', reason: `HTTP ${response.status} ${typeof answer?.error?.code === 'string' ? answer.error.code : ''}`.trim() };
    } catch (error) {
      return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
      inFlight = null;
    }
  }

  /** One look at the queue; uploads at most one photo. Answers how long to sleep (null: until woken). */
  async function round(): Promise<number | null> {
    const pending = await photos.pendingUploads();
    const documents = pending.length > 0 ? await store.db.photos.findByIds(pending).exec() : new Map<string, never>();
    const candidates = pending.filter((id) => documents.has(id));
    const metered = isMetered();
    if (approveHeld) {
      for (const id of candidates) approved.add(id);
      approveHeld = false;
    }
    for (const id of retries.keys()) if (!candidates.includes(id)) retries.delete(id);
    publish(candidates, metered);
    if (signInRequired) return null;
    const now = Date.now();
    const eligible = candidates.filter((id) => !failed.has(id) && (!metered || approved.has(id)));
    if (eligible.length === 0) return null;
    const dueAt = (id: Photo['id']) => retries.get(id)?.dueAt ?? 0;
    const next = eligible.reduce((best, id) => (dueAt(id) < dueAt(best) ? id : best));
    if (dueAt(next) > now) return dueAt(next) - now;
    const document = documents.get(next);
    if (!document) return 0;
    sending = next;
    publish(candidates, metered);
    const outcome = await upload(document.toJSON());
    sending = null;
    if (stopped) return null;
    if (outcome.kind === 'uploaded') {
      await photos.markUploaded(next);
      retries.delete(next);
      approved.delete(next);
    } else if (outcome.kind === 'failed') {
      failed.set(next, outcome.failure);
      retries.delete(next);
    } else if (outcome.kind === 'sign-in') {
      signInRequired = true;
      options.onSignInRequired?.(true);
    } else {
      const failures = (retries.get(next)?.failures ?? 0) + 1;
      retries.set(next, { failures, dueAt: Date.now() + pause(failures) });
    }
    return 0;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      woken = false;
      let delay: number | null;
      try {
        delay = await round();
        roundFailures = 0;
      } catch (error) {
        // The phone's own storage failed (IndexedDB closed, quota): report it and look again later.
        store.backgroundErrors.next(error);
        delay = pause(++roundFailures);
      }
      if (delay !== 0) await sleep(delay);
    }
  }

  const sendNow = () => {
    approveHeld = true;
    for (const retry of retries.values()) retry.dueAt = 0;
    wake();
  };

  const subscription = store.db.photos.$.subscribe(poke);
  const connection = connectionInfo();
  if (typeof window !== 'undefined') window.addEventListener('online', poke);
  connection?.addEventListener('change', poke);
  ui.setSendNow(sendNow);
  const loop = run();

  return {
    async stop() {
      stopped = true;
      inFlight?.abort(new Error('photo uploads stopped'));
      wakeUp?.();
      subscription.unsubscribe();
      if (typeof window !== 'undefined') window.removeEventListener('online', poke);
      connection?.removeEventListener('change', poke);
      await loop;
      ui.setSendNow(null);
      ui.publish([]);
    },
    sendNow,
    wake,
  };
}
