/** Writes the server refused, by document id, for one collection (shown next to the document). */
import { useCallback, useEffect, useState } from 'react';
import type { CollectionName } from '../../../domain/collections';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { discardRefusedWrite } from '../../db/local-store';
import type { RefusedItem } from '../../db/refused-writes';

export type { RefusedItem };

export function useRefusedWrites(collection: CollectionName): ReadonlyMap<string, RefusedItem> {
  const { refused } = useLocalStore();
  const [byId, setById] = useState<ReadonlyMap<string, RefusedItem>>(() => new Map());
  useEffect(() => {
    const subscription = refused.items$.subscribe((items) =>
      setById(new Map(items.filter((item) => item.collection === collection).map((item) => [item.id, item]))),
    );
    return () => subscription.unsubscribe();
  }, [refused, collection]);
  return byId;
}

/** Every refused write on the phone, of every collection, oldest first. */
export function useAllRefusedWrites(): readonly RefusedItem[] {
  const { refused } = useLocalStore();
  const [items, setItems] = useState<readonly RefusedItem[]>([]);
  useEffect(() => {
    const subscription = refused.items$.subscribe(setItems);
    return () => subscription.unsubscribe();
  }, [refused]);
  return items;
}

/** Gives up a refused change: the phone goes back to what the server holds (see discardRefusedWrite). */
export function useDiscardRefused(): (item: RefusedItem) => Promise<void> {
  const store = useLocalStore();
  return useCallback((item: RefusedItem) => discardRefusedWrite(store, item), [store]);
}
