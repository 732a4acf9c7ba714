/**
 * Conversion between stored CouchDB documents and documents on the wire: `id` is CouchDB's `_id`,
 * `_deleted` is always a boolean (RxDB needs it), and no other field of CouchDB's own (`_rev`,
 * `_attachments` of a photo's bytes, `_conflicts`, …) reaches the client, whose schemas allow none.
 * A document written over a stored one keeps that one's attachments (`toStoredOver`): CouchDB
 * deletes the attachments a new revision does not name.
 */
import type { WireDocument } from '../../domain/documents';
import type { StoredDocument } from '../store/couch';

export function toWire(stored: StoredDocument): WireDocument {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) if (!key.startsWith('_')) fields[key] = value;
  return { ...fields, id: stored._id, _deleted: stored._deleted === true };
}

export function toStored(doc: WireDocument, rev: string | undefined): StoredDocument {
  const { id, _deleted, ...fields } = doc;
  const stored: StoredDocument = { ...fields, _id: id };
  if (rev) stored._rev = rev;
  if (_deleted === true) stored._deleted = true;
  return stored;
}

/** CouchDB's description of one attachment (a stub, or with its data when asked for). */
type AttachmentEntry = { content_type?: string; digest?: string; length?: number; revpos?: number; stub?: boolean; data?: unknown };

/** `previous`'s attachments as stubs: naming them in a new revision keeps them without sending their bytes again. */
export function attachmentStubs(previous: StoredDocument): Record<string, AttachmentEntry> | undefined {
  const attachments = previous._attachments as Record<string, AttachmentEntry> | undefined;
  if (attachments === undefined || Object.keys(attachments).length === 0) return undefined;
  const stubs: Record<string, AttachmentEntry> = {};
  for (const [name, { data: _data, ...entry }] of Object.entries(attachments)) stubs[name] = { ...entry, stub: true };
  return stubs;
}

/**
 * `doc` stored as the next revision of `previous` (a new document when undefined): at its `_rev`,
 * keeping its attachments. Every server path that rewrites a stored document goes through this.
 */
export function toStoredOver(doc: WireDocument, previous: StoredDocument | undefined): StoredDocument {
  const stored = toStored(doc, previous?._rev);
  const stubs = previous && doc._deleted !== true ? attachmentStubs(previous) : undefined;
  if (stubs) stored._attachments = stubs;
  return stored;
}
