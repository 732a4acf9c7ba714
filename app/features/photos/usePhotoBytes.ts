/**
 * A photo ready to show: an object URL of its verified bytes (revoked when no longer shown), or
 * why not. "On its way" is asked again after a growing pause, when the browser comes online and
 * when the metadata changes; a failed download is not repeated until the metadata changes.
 */
import { useEffect, useState } from 'react';
import type { Photo } from '../../../domain/schemas/photo';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { loadPhotoBytes, type PhotoDownloadFailure } from './photo-download';

export type PhotoBytesView =
  | { state: 'ready'; url: string }
  | { state: 'loading' }
  | { state: 'on-its-way' }
  | { state: 'failed'; reason: PhotoDownloadFailure | 'storage' };

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 2 * 60_000;

/** The bytes of `photo` (null: its metadata is not on this phone yet, so it is on its way). */
export function usePhotoBytes(photo: Photo | null): PhotoBytesView {
  const store = useLocalStore();
  const [attempt, setAttempt] = useState(0);
  const [shown, setShown] = useState<{ key: string; view: PhotoBytesView } | null>(null);
  const id = photo?.id ?? null;
  const sha256 = photo?.sha256 ?? '';
  const mimeType = photo?.mimeType ?? 'image/jpeg';
  const updatedAt = photo?.updatedAt ?? '';
  const key = `${id}:${sha256}:${updatedAt}:${attempt}`;

  useEffect(() => {
    if (id === null) return undefined;
    let cancelled = false;
    let url: string | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => setAttempt((count) => count + 1);
    loadPhotoBytes(store, { id, sha256, mimeType }).then(
      (result) => {
        if (cancelled) return;
        if (result.state === 'ready') {
          url = URL.createObjectURL(new Blob([result.bytes.bytes], { type: result.bytes.mimeType }));
          setShown({ key, view: { state: 'ready', url } });
          return;
        }
        setShown({ key, view: result });
        if (result.state !== 'on-its-way') return;
        retry = setTimeout(again, Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt));
        window.addEventListener('online', again);
      },
      (error: unknown) => {
        // The phone's photo store failed (IndexedDB unavailable): shown as failed, reported once.
        store.backgroundErrors.next(error);
        if (!cancelled) setShown({ key, view: { state: 'failed', reason: 'storage' } });
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(retry);
      window.removeEventListener('online', again);
      if (url) URL.revokeObjectURL(url);
    };
  }, [store, id, sha256, mimeType, key, attempt]);

  if (id === null) return { state: 'on-its-way' };
  // A retry keeps showing what was shown before ("on its way") instead of flashing "loading".
  if (shown && (shown.key === key || (shown.view.state !== 'ready' && shown.key.startsWith(`${id}:${sha256}:${updatedAt}:`)))) return shown.view;
  return { state: 'loading' };
}
