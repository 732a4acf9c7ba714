/**
 * What the upload queue shows: each photo of this phone still to send, and what holds it back.
 * UI state only (zustand); the truth is in the photo store's "uploaded" marks.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Photo } from '../../../domain/schemas/photo';

/**
 * - `waiting`: next in line; `held`: on a metered or Save-Data connection until "Send now";
 * - `sending`: on its way now; `retrying`: an attempt failed, another follows after a pause;
 * - `sign-in-required`: the server wants the member to sign in again; `failed`: the server refused it for good.
 */
export type PhotoUploadState = 'waiting' | 'held' | 'sending' | 'retrying' | 'sign-in-required' | 'failed';

/** Why the server refused a photo for good (its documented error codes). */
export type PhotoUploadFailure = 'photo-too-large' | 'photo-type-not-allowed';

export type PhotoUploadEntry = { id: Photo['id']; state: PhotoUploadState; failure?: PhotoUploadFailure };

type PhotoUploadStoreState = {
  entries: readonly PhotoUploadEntry[];
  /** Sends held photos at once; null while no queue runs. */
  sendNow: (() => void) | null;
  publish: (entries: readonly PhotoUploadEntry[]) => void;
  setSendNow: (sendNow: (() => void) | null) => void;
};

export const usePhotoUploadStore = create<PhotoUploadStoreState>()((set) => ({
  entries: [],
  sendNow: null,
  publish: (entries) => set({ entries }),
  setSendNow: (sendNow) => set({ sendNow }),
}));

export type PhotoUploadSummary = {
  held: number;
  /** Waiting, sending or retrying. */
  sending: number;
  signInRequired: number;
  failed: readonly PhotoUploadEntry[];
  sendNow: (() => void) | null;
};

/** Counts of the queue's photos (only those in `photoIds` when given). */
export function usePhotoUploadSummary(photoIds?: readonly string[]): PhotoUploadSummary {
  const entries = usePhotoUploadStore((state) => state.entries);
  const sendNow = usePhotoUploadStore((state) => state.sendNow);
  const key = photoIds?.join(',');
  return useMemo(() => {
    const wanted = key === undefined ? null : new Set(key.split(','));
    const shown = wanted ? entries.filter((entry) => wanted.has(entry.id)) : entries;
    const count = (...states: PhotoUploadState[]) => shown.filter((entry) => states.includes(entry.state)).length;
    return {
      held: count('held'),
      sending: count('waiting', 'sending', 'retrying'),
      signInRequired: count('sign-in-required'),
      failed: shown.filter((entry) => entry.state === 'failed'),
      sendNow,
    };
  }, [entries, sendNow, key]);
}
