/**
 * Photo bytes in the store (DESIGN.md "Storage", "Photo bytes"): the attachment `image` of the
 * photo's metadata document in the `photos` database, so a CouchDB cluster replicates and backs
 * them up with the document. Guarantees:
 * - bytes are stored only whole, in one attachment write, at the revision they were checked
 *   against; a race with another writer (409) reads the document again and tries again;
 * - an upload of bytes already stored (same length and MD5 digest, CouchDB's own) writes nothing,
 *   so a retried upload arrives once and the attachment's revision does not move;
 * - reading gives the bytes whole (at most the upload limit, ≤ 5 MiB): nano's stream mode does not
 *   forward errors of its request, and a store restart mid-stream must not kill the server.
 * Nothing here judges who may do this: routes/photos.ts does, before calling.
 */
import { createHash } from 'node:crypto';
import type { Couch, StoredDocument } from './couch';

/** The attachment holding a photo's bytes. */
export const PHOTO_ATTACHMENT = 'image';

/** Attempts of one upload when other writers of the same document keep winning the race. */
const MAX_ATTEMPTS = 5;

/** CouchDB's description of a stored attachment, as a document names it. */
export type AttachmentStub = { content_type: string; digest: string; length: number; revpos?: number };

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** The live photo document `id` as stored (with its attachment stubs), or null when missing or deleted. */
export async function readPhotoDocument(couch: Couch, id: string): Promise<StoredDocument | null> {
  try {
    const doc = await couch.db('photos').get(id);
    return doc._deleted ? null : doc;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** The stub of the photo's bytes in `doc`, or null when they have not been uploaded. */
export function photoAttachment(doc: StoredDocument): AttachmentStub | null {
  const attachments = doc._attachments as Record<string, AttachmentStub | undefined> | undefined;
  return attachments?.[PHOTO_ATTACHMENT] ?? null;
}

/** CouchDB's (and PouchDB's) digest of attachment bytes: `md5-` and the base64 MD5. */
function couchDigest(bytes: Buffer): string {
  return `md5-${createHash('md5').update(bytes).digest('base64')}`;
}

function holds(doc: StoredDocument, bytes: Buffer, contentType: string, digest: string): boolean {
  const stub = photoAttachment(doc);
  return stub !== null && stub.length === bytes.length && stub.digest === digest && stub.content_type === contentType;
}

/**
 * Stores `bytes` (already checked against the metadata) as the attachment of `doc`. Answers
 * `created` when they were written, `unchanged` when the store held them already; null when the
 * document disappeared meanwhile.
 */
export async function storePhotoBytes(couch: Couch, doc: StoredDocument, bytes: Buffer, contentType: string): Promise<'created' | 'unchanged' | null> {
  const digest = couchDigest(bytes);
  let current: StoredDocument | null = doc;
  for (let attempt = 1; current !== null; attempt++) {
    if (holds(current, bytes, contentType, digest)) return 'unchanged';
    try {
      await couch.db('photos').attachment.insert(current._id, PHOTO_ATTACHMENT, bytes, contentType, { rev: current._rev });
      return 'created';
    } catch (error) {
      if (statusOf(error) !== 409 || attempt >= MAX_ATTEMPTS) throw error;
    }
    current = await readPhotoDocument(couch, doc._id);
  }
  return null;
}

/** The photo's bytes, or null when the store has none (not uploaded, or gone meanwhile). */
export async function readPhotoBytes(couch: Couch, id: string): Promise<Buffer | null> {
  try {
    return await couch.db('photos').attachment.get(id, PHOTO_ATTACHMENT);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
