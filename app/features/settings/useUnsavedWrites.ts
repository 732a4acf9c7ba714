/** Writes the full disk refused on this page (kept in memory), and a way to save them again. */
import { useCallback, useEffect, useState } from 'react';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { retryUnsavedWrites } from '../../db/local-store';
import { unsavedWrites, type UnsavedWrite } from '../../db/storage';

export function useUnsavedWrites(): { items: readonly UnsavedWrite[]; retry: () => Promise<void>; retryError: string | null } {
  const store = useLocalStore();
  const [items, setItems] = useState(() => unsavedWrites.list(store.db.name));
  const [retryError, setRetryError] = useState<string | null>(null);
  useEffect(() => {
    const subscription = unsavedWrites.items$.subscribe(() => setItems(unsavedWrites.list(store.db.name)));
    return () => subscription.unsubscribe();
  }, [store]);
  const retry = useCallback(async () => {
    setRetryError(null);
    try {
      await retryUnsavedWrites(store);
    } catch (error) {
      setRetryError(error instanceof Error ? error.message : String(error));
    }
  }, [store]);
  return { items, retry, retryError };
}
