/**
 * Changes the server makes to synced documents on its own routes (moderators' decisions, a
 * coordinator removing a member) and re-saves of documents that became readable to more people.
 * Guarantees:
 * - judged before anything is done: a document the acting member may not read is 404, as if it did
 *   not exist; then `checkWrite` must allow the change for them (refusals are 403 with the rule's
 *   stable code) — also when the change turns out to change nothing, so "nothing to do" is never an
 *   answer to someone who may not act (callers act on the answer, e.g. revoke sessions);
 * - the changed document must match its schema;
 * - server-set meta is set as a push sets it (`createdAt`/`createdBy`/`publishedAt` kept,
 *   `serverUpdatedAt` now, `updatedBy` the actor); `updatedAt` moves past the stored one, so the
 *   change wins a phone's merge against older edits; in collections with field stamps
 *   (domain/field-stamps.ts) each field the change sets gets a stamp past every stored one, as a
 *   phone's edit would, so a phone's merge sees it as changed (a moderator's decision kept beside a
 *   coordinator's offline profile edit) and never mistakes it for the stale value it replaced;
 * - it is written at the revision it was computed from; a concurrent write (409) makes it read the
 *   document again and recompute the change (a few times), so nobody's write is lost;
 * - every write, a re-save included, is a new revision, so the document enters `_changes` after
 *   every client's checkpoint (DESIGN.md "Sync": documents that become readable later);
 * - a rewritten document keeps its attachments (a photo's bytes): the new revision names them as stubs.
 */
import type { CollectionName, DocumentOf } from '../../domain/collections';
import { COLLECTIONS, hasFieldStamps } from '../../domain/collections';
import { stampChanges } from '../../domain/field-stamps';
import { sameContent, withoutServerFields, type WireDocument } from '../../domain/documents';
import { nextTimestamp } from '../../domain/hlc';
import { checkWrite, mayRead, WRITE_REFUSAL_MESSAGES, type Actor } from '../../domain/permissions';
import { validateDocument } from '../../domain/validation';
import { ApiError } from '../errors';
import { attachmentStubs, toStoredOver, toWire } from '../sync/wire';
import type { MangoSelector } from 'nano';
import type { Couch, StoredDocument } from './couch';

/** Attempts of one change when other writers keep winning the race. */
const MAX_ATTEMPTS = 5;

/** Documents re-saved per bulk write. */
const RESAVE_PAGE = 500;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

async function readLive(couch: Couch, collection: CollectionName, id: string): Promise<StoredDocument | null> {
  try {
    const doc = await couch.db(collection).get(id);
    return doc._deleted ? null : doc;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

function serverMeta(previous: WireDocument, writerId: string | null, now: number): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...((previous.meta ?? {}) as Record<string, unknown>), serverUpdatedAt: now };
  if (meta.createdAt === undefined) meta.createdAt = now;
  if (writerId) meta.updatedBy = writerId;
  return meta;
}

/**
 * Reads `collection/id`, applies `change` (which may throw an ApiError, or return the document
 * unchanged for "nothing to do"), checks and writes the result; see the module header.
 * Answers the document as written (or as stored when nothing changed). 404 not-found when missing.
 */
export async function changeDocument<C extends CollectionName>(
  couch: Couch,
  collection: C,
  id: string,
  actor: Actor,
  change: (doc: DocumentOf[C]) => DocumentOf[C],
  now = Date.now(),
): Promise<DocumentOf[C]> {
  for (let attempt = 1; ; attempt++) {
    const stored = await readLive(couch, collection, id);
    if (!stored) throw new ApiError(404, 'not-found', `There is no ${collection} document ${id}`);
    const current = toWire(stored) as unknown as DocumentOf[C];
    // Without lookups `mayRead` allows only what needs none (one's own municipality's documents,
    // everything for a moderator): every document a server route lets its actor change.
    if (actor.memberStatus === 'removed') throw new ApiError(403, 'removed-member', WRITE_REFUSAL_MESSAGES['removed-member']);
    if (!mayRead(actor, collection, current)) throw new ApiError(404, 'not-found', `There is no ${collection} document ${id}`);
    const changed = change(current);
    const verdict = checkWrite(actor, collection, current, changed);
    if (!verdict.allowed) throw new ApiError(403, verdict.code, verdict.message);
    if (sameContent(current, changed)) return current;
    const stamp = nextTimestamp(now, (current as WireDocument).updatedAt ?? 0);
    const { doc: stamped, latest } = hasFieldStamps(collection)
      ? stampChanges(current as WireDocument, changed as WireDocument, stamp)
      : { doc: changed as WireDocument, latest: stamp };
    const { _deleted: _ignored, ...content } = withoutServerFields(stamped);
    const errors = validateDocument(COLLECTIONS[collection].schema, content);
    if (errors.length > 0) throw new Error(`a server change made ${collection}/${id} invalid: ${JSON.stringify(errors)}`);
    const doc = { ...stamped, updatedAt: latest, meta: serverMeta(current, actor.memberId, now) };
    try {
      await couch.db(collection).insert(toStoredOver(doc, stored));
      return doc as unknown as DocumentOf[C];
    } catch (error) {
      if (statusOf(error) !== 409 || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** `doc` again with new `meta`, its attachments (a photo's bytes) named as stubs so the new revision keeps them. */
function resaved(doc: StoredDocument, meta: Record<string, unknown>): StoredDocument {
  const { _attachments: _named, ...rest } = doc;
  const stubs = attachmentStubs(doc);
  return stubs ? { ...rest, meta, _attachments: stubs } : { ...rest, meta };
}

/**
 * Re-saves every live document of `collection` matching `selector`, content unchanged and
 * `meta.serverUpdatedAt` now, so phones that filtered them out before pull them again. A document
 * another writer changed meanwhile (409) has entered `_changes` anyway and is left alone.
 * Answers the ids of the documents matched.
 */
export async function resaveDocuments(couch: Couch, collection: CollectionName, selector: MangoSelector, now = Date.now()): Promise<string[]> {
  const ids: string[] = [];
  let bookmark: string | undefined;
  for (;;) {
    const page = await couch.db(collection).find({ selector, limit: RESAVE_PAGE, ...(bookmark ? { bookmark } : {}) });
    const docs = page.docs.filter((doc) => doc._deleted !== true);
    if (docs.length > 0) {
      const meta = (doc: StoredDocument) => ({ ...((doc.meta ?? {}) as Record<string, unknown>), serverUpdatedAt: now });
      await couch.db(collection).bulk({ docs: docs.map((doc) => resaved(doc, meta(doc))) });
      ids.push(...docs.map((doc) => doc._id));
    }
    if (page.docs.length < RESAVE_PAGE || !page.bookmark) return ids;
    bookmark = page.bookmark;
  }
}
