/**
 * An object URL of `blob` for an <img>, shared by everyone showing the same blob and revoked once
 * the last of them is gone (after a tick, so a remount — React's StrictMode does one — keeps it).
 */
import { useEffect, useMemo } from 'react';

const urls = new WeakMap<Blob, { url: string; users: number }>();

function entryOf(blob: Blob): { url: string; users: number } {
  let entry = urls.get(blob);
  if (!entry) {
    entry = { url: URL.createObjectURL(blob), users: 0 };
    urls.set(blob, entry);
  }
  return entry;
}

export function useObjectUrl(blob: Blob | null): string | null {
  const url = useMemo(() => (blob ? entryOf(blob).url : null), [blob]);
  useEffect(() => {
    if (!blob) return undefined;
    const entry = entryOf(blob);
    entry.users++;
    return () => {
      entry.users--;
      setTimeout(() => {
        if (entry.users > 0 || urls.get(blob) !== entry) return;
        urls.delete(blob);
        URL.revokeObjectURL(entry.url);
      }, 0);
    };
  }, [blob]);
  return url;
}
