/**
 * Reactive reads of offers for screens: results change as soon as a local write or a synced
 * document lands. Plain documents keep their identity per revision (app/db/useDocuments.ts), so
 * per-offer caches (search indexes) can be keyed by the offer object.
 */
import type { Offer } from '../../../domain/schemas/offer';
import { useDocument, useDocuments } from '../../db/useDocuments';

/** Every offer on the phone, in no particular order (the list screen sorts). */
export function useOffers(): { offers: Offer[]; loading: boolean } {
  const { documents, loading } = useDocuments('offers');
  return { offers: documents, loading };
}

/** One offer by id, kept current; `offer` is null when it is not on the phone. */
export function useOffer(id: Offer['id']): { offer: Offer | null; loading: boolean } {
  const { document, loading } = useDocument('offers', id);
  return { offer: document, loading };
}
