/**
 * Conversion between stored CouchDB documents and documents on the wire: `id` is CouchDB's `_id`,
 * `_rev` never reaches the client, `_deleted` is always a boolean (RxDB needs it).
 */
import type { WireDocument } from '../../domain/documents';
import type { StoredDocument } from '../store/couch';

export function toWire(stored: StoredDocument): WireDocument {
  const { _id, _rev: _ignoredRev, _deleted, ...fields } = stored;
  return { ...fields, id: _id, _deleted: _deleted === true };
}

export function toStored(doc: WireDocument, rev: string | undefined): StoredDocument {
  const { id, _deleted, ...fields } = doc;
  const stored: StoredDocument = { ...fields, _id: id };
  if (rev) stored._rev = rev;
  if (_deleted === true) stored._deleted = true;
  return stored;
}
