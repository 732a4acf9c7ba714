/**
 * The documents a permission rule needs besides the one it judges (`Related` of
 * domain/permissions.ts), looked up from the store in bulk. Guarantees:
 * - one `_all_docs` request per referenced collection and batch, never one per document; a lookup
 *   remembers what it read, so a pull reading page after page asks for each document once;
 * - only what the rules use is read: for reads, the municipality owning a need, offer or member,
 *   a photo's owner (with the owner's municipality) and a contact's member (with theirs); for writes, a pledge's need (with its
 *   recipient municipality) and offer, an
 *   event's pledge and a photo's owner;
 * - a reference to a missing or deleted document stays empty, and the rules refuse on empty
 *   (default deny), so a dangling id never grants anything.
 */
import type { CollectionName, DocumentOf } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import { mayRead, PHOTO_OWNER_COLLECTIONS, type Actor, type PhotoOwner, type Related } from '../../domain/permissions';
import type { Couch, StoredDocument } from '../store/couch';
import { toWire } from './wire';

/** What the documents are looked up for: reading them (pull, stream) or writing them (push). */
export type RelatedPurpose = 'read' | 'write';

type AllDocsRow = { key: string; doc?: StoredDocument | null };

/** A document this one refers to: which slot of `Related` it fills, and where it lives. */
type Reference =
  | { slot: 'municipality' | 'need' | 'offer' | 'pledge' | 'member'; collection: CollectionName; id: string }
  | { slot: 'photoOwner'; kind: PhotoOwner['kind']; collection: CollectionName; id: string };

function ownedBy(doc: WireDocument): Reference[] {
  return [{ slot: 'municipality', collection: 'municipalities', id: String(doc.municipalityId) }];
}

function photoOwnerOf(doc: WireDocument): Reference[] {
  const kind = doc.ownerKind as PhotoOwner['kind'];
  return Object.hasOwn(PHOTO_OWNER_COLLECTIONS, kind) ? [{ slot: 'photoOwner', kind, collection: PHOTO_OWNER_COLLECTIONS[kind], id: String(doc.ownerId) }] : [];
}

/** The references each rule reads, per purpose and collection (none for the rest). */
const REFERENCES: Record<RelatedPurpose, Partial<Record<CollectionName, (doc: WireDocument) => Reference[]>>> = {
  read: {
    members: ownedBy,
    needs: ownedBy,
    offers: ownedBy,
    photos: photoOwnerOf,
    contacts: (doc) => [{ slot: 'member', collection: 'members', id: String(doc.memberId) }],
  },
  write: {
    pledges: (doc) => [
      { slot: 'need', collection: 'needs', id: String(doc.needId) },
      // The pledged need's municipality (the pledge's recipient, checked against the need): is the need published?
      { slot: 'municipality', collection: 'municipalities', id: String(doc.toMunicipalityId) },
      ...(typeof doc.offerId === 'string' ? [{ slot: 'offer', collection: 'offers', id: doc.offerId } as const] : []),
    ],
    pledge_events: (doc) => [{ slot: 'pledge', collection: 'pledges', id: String(doc.pledgeId) }],
    photos: photoOwnerOf,
  },
};

/**
 * What a read rule needs from what the first lookup found: the municipality of a photo's owner (a
 * need or offer) or of a contact's member.
 */
function secondReadReference(related: Related): Reference | null {
  const owner = related.photoOwner;
  if (owner && (owner.kind === 'need' || owner.kind === 'offer')) return { slot: 'municipality', collection: 'municipalities', id: owner.doc.municipalityId };
  if (related.member) return { slot: 'municipality', collection: 'municipalities', id: related.member.municipalityId };
  return null;
}

/** Related documents of many documents, read in bulk and remembered for the lifetime of this object (one request, or one stream event). */
export class RelatedLookup {
  private readonly cache = new Map<CollectionName, Map<string, WireDocument | null>>();

  constructor(private readonly couch: Couch) {}

  /** The `Related` of each document (by id) of `collection`, for `purpose`. */
  async of(collection: CollectionName, docs: readonly WireDocument[], purpose: RelatedPurpose): Promise<Map<string, Related>> {
    const result = new Map<string, Related>(docs.map((doc) => [doc.id, {}]));
    const referencesOf = REFERENCES[purpose][collection];
    if (!referencesOf) return result;
    const references = docs.map((doc) => ({ doc, references: referencesOf(doc) }));
    await this.load(references.flatMap((entry) => entry.references));
    for (const { doc, references: refs } of references) result.set(doc.id, this.fill({}, refs));

    if (purpose === 'read' && (collection === 'photos' || collection === 'contacts')) {
      const second = docs.map((doc) => {
        const reference = secondReadReference(result.get(doc.id) ?? {});
        return { doc, references: reference ? [reference] : [] };
      });
      await this.load(second.flatMap((entry) => entry.references));
      for (const { doc, references: refs } of second) result.set(doc.id, this.fill(result.get(doc.id)!, refs));
    }
    return result;
  }

  private fill(related: Related, references: Reference[]): Related {
    const filled: Related = { ...related };
    for (const reference of references) {
      const doc = this.cache.get(reference.collection)?.get(reference.id);
      // Stored documents passed their schema when they were written.
      if (doc) Object.assign(filled, { [reference.slot]: reference.slot === 'photoOwner' ? { kind: reference.kind, doc } : doc });
    }
    return filled;
  }

  /** Reads the referenced documents not read yet: one request per collection, all at once. */
  private async load(references: Reference[]): Promise<void> {
    const wanted = new Map<CollectionName, Set<string>>();
    for (const { collection, id } of references) {
      if (this.cache.get(collection)?.has(id)) continue;
      const ids = wanted.get(collection) ?? new Set<string>();
      ids.add(id);
      wanted.set(collection, ids);
    }
    await Promise.all([...wanted].map(([collection, ids]) => this.read(collection, [...ids])));
  }

  private async read(collection: CollectionName, ids: string[]): Promise<void> {
    const body = (await this.couch.nano.request({
      db: this.couch.dbName(collection),
      path: '_all_docs',
      method: 'post',
      qs: { include_docs: true },
      body: { keys: ids },
    })) as { rows: AllDocsRow[] };
    const cached = this.cache.get(collection) ?? new Map<string, WireDocument | null>();
    this.cache.set(collection, cached);
    for (const id of ids) cached.set(id, null);
    // Deleted documents come without `doc`: a tombstone is no reference (default deny).
    for (const row of body.rows) if (row.doc && row.doc._deleted !== true) cached.set(row.key, toWire(row.doc));
  }
}

/** The documents of `collection` that `actor` may read, given each one's related documents (by id). */
export function readableBy(actor: Actor, collection: CollectionName, docs: readonly WireDocument[], related: ReadonlyMap<string, Related>): WireDocument[] {
  return docs.filter((doc) => mayRead(actor, collection, doc as DocumentOf[CollectionName], related.get(doc.id)));
}
