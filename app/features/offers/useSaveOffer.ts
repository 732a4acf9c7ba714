/** Saving an offer from a screen: through `saveDocument`, so it is stamped and counted as pending. */
import { useCallback } from 'react';
import type { Offer } from '../../../domain/schemas/offer';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { saveDocument, type DocumentInput } from '../../db/local-store';

export type OfferInput = DocumentInput<'offers'>;

/** The input to save `offer` again with changes: the clock stamps a new `updatedAt`. */
export function offerInput(offer: Offer, changes: Partial<OfferInput> = {}): OfferInput {
  const { updatedAt: _updatedAt, ...rest } = offer;
  return { ...rest, ...changes };
}

export function useSaveOffer(): (input: OfferInput) => Promise<Offer> {
  const store = useLocalStore();
  return useCallback((input: OfferInput) => saveDocument(store, 'offers', input), [store]);
}
