/** Saving a need from a screen: through `saveDocument`, so it is stamped and counted as pending. */
import { useCallback } from 'react';
import type { Need } from '../../../domain/schemas/need';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { saveDocument, type DocumentInput } from '../../db/local-store';

export type NeedInput = DocumentInput<'needs'>;

export function useSaveNeed(): (input: NeedInput) => Promise<Need> {
  const store = useLocalStore();
  return useCallback((input: NeedInput) => saveDocument(store, 'needs', input), [store]);
}
