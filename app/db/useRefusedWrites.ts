/** Writes the server refused, by document id, for one collection (shown next to the document). */
import { useEffect, useState } from 'react';
import type { CollectionName } from '../../domain/collections';
import { useLocalStore } from './LocalStoreProvider';
import type { RefusedItem } from './refused-writes';

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
