/**
 * Which documents a pushed document refers to and the server must already hold before it accepts
 * it (a pledge's need and offer, an event's pledge, a photo's owner): the server refuses the write
 * as `unknown-reference` otherwise. A phone that created both offline sends the referenced one
 * first (app/db/replication.ts).
 */
import type { CollectionName } from './collections';
import type { WireDocument } from './documents';
import { PHOTO_OWNER_COLLECTIONS } from './permissions';

export type DocumentReference = { collection: CollectionName; id: string };

/** The documents `doc` of `collection` refers to that the server's write rule looks up. */
export function writeReferences(collection: CollectionName, doc: WireDocument): DocumentReference[] {
  switch (collection) {
    case 'pledges':
      return [
        ...(typeof doc.needId === 'string' ? [{ collection: 'needs' as const, id: doc.needId }] : []),
        ...(typeof doc.offerId === 'string' ? [{ collection: 'offers' as const, id: doc.offerId }] : []),
      ];
    case 'pledge_events':
      return typeof doc.pledgeId === 'string' ? [{ collection: 'pledges', id: doc.pledgeId }] : [];
    case 'photos': {
      const kind = doc.ownerKind;
      return typeof kind === 'string' && Object.hasOwn(PHOTO_OWNER_COLLECTIONS, kind) && typeof doc.ownerId === 'string'
        ? [{ collection: PHOTO_OWNER_COLLECTIONS[kind as keyof typeof PHOTO_OWNER_COLLECTIONS], id: doc.ownerId }]
        : [];
    }
    default:
      return [];
  }
}
