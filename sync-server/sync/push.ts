/**
 * Push: writes a batch of documents from one client (DESIGN.md "Sync"). For each row the server
 * reads the current document and compares it with the client's `assumedMasterState`, ignoring
 * server-set fields:
 * - the stored document already says what the client sends → success, nothing written (a retried
 *   push is idempotent and reports no false conflict);
 * - different from what the client assumed → conflict: the current document goes back to the client,
 *   whose merge resolves it and pushes again;
 * - otherwise it is written with the current `_rev`; a CouchDB 409 (a race with another writer)
 *   becomes a conflict too.
 * A document that fails its schema or a rule is refused with a stable code and its field errors;
 * the rest of the batch is still written. The server sets `meta` and clamps `updatedAt`.
 */
import { COLLECTIONS, isAppendOnly, type CollectionName } from '../../domain/collections';
import { sameContent, withoutServerFields, type WireDocument } from '../../domain/documents';
import { clampTimestamp } from '../../domain/hlc';
import type { PushResponse, PushRow, RefusedWrite } from '../../domain/sync-protocol';
import { validateDocument } from '../../domain/validation';
import { checkAppendOnlyWrite, type AppendOnlyCollection, type AppendOnlyRefusal } from '../../domain/rules/append-only';
import type { MemberRole } from '../../domain/constants';
import type { Couch, StoredDocument } from '../store/couch';
import { toStored, toWire } from './wire';

type AllDocsRow = { key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: StoredDocument | null };
type BulkResult = { id: string; rev?: string; ok?: boolean; error?: string; reason?: string };

/** Who writes: for the server-set fields and the rules (no member and no privileges until accounts exist). */
export type Writer = { memberId: string | null; role: MemberRole };

const APPEND_ONLY_MESSAGES: Record<AppendOnlyRefusal, (collection: string) => string> = {
  'append-only': (collection) => `A ${collection} document cannot be changed or deleted once written`,
  'moderator-only': () => 'Only a moderator may redact a message',
  'invalid-redaction': () => 'A redaction replaces the body with the redaction marker, drops the photos and changes nothing else',
};

async function readCurrent(couch: Couch, collection: CollectionName, ids: string[]): Promise<Map<string, StoredDocument>> {
  const current = new Map<string, StoredDocument>();
  if (ids.length === 0) return current;
  const body = (await couch.nano.request({
    db: couch.dbName(collection),
    path: '_all_docs',
    method: 'post',
    qs: { include_docs: true },
    body: { keys: ids },
  })) as { rows: AllDocsRow[] };
  for (const row of body.rows) {
    if (row.doc) current.set(row.key, row.doc);
    else if (row.value?.deleted) {
      // _all_docs gives no body for a tombstone; read it at its revision (ours keep their body).
      const tombstone = await couch.db(collection).get(row.key, { rev: row.value.rev });
      current.set(row.key, tombstone);
    }
  }
  return current;
}

function serverFields(previous: WireDocument | undefined, doc: WireDocument, writer: Writer, now: number): Record<string, unknown> {
  const before = (previous?.meta ?? {}) as Record<string, unknown>;
  const meta: Record<string, unknown> = {
    createdAt: before.createdAt ?? now,
    serverUpdatedAt: now,
  };
  const createdBy = before.createdBy ?? writer.memberId;
  if (createdBy) meta.createdBy = createdBy;
  if (writer.memberId) meta.updatedBy = writer.memberId;
  const publishedAt = before.publishedAt ?? (doc.status !== undefined && doc.status !== 'draft' ? now : undefined);
  if (publishedAt !== undefined) meta.publishedAt = publishedAt;
  return meta;
}

/** Validates, compares and writes one push batch; see the module header. */
export async function pushDocuments(
  couch: Couch,
  collection: CollectionName,
  rows: PushRow[],
  writer: Writer,
  now = Date.now(),
): Promise<PushResponse> {
  const spec = COLLECTIONS[collection];
  const current = await readCurrent(couch, collection, rows.map((row) => row.newDocumentState.id));
  const conflicts: WireDocument[] = [];
  const refused: RefusedWrite[] = [];
  const toWrite: StoredDocument[] = [];

  for (const { assumedMasterState, newDocumentState } of rows) {
    const id = newDocumentState.id;
    const stored = current.get(id);
    // Deleting what the server never had (e.g. discarding a refused new document): nothing to write.
    if (!stored && newDocumentState._deleted) continue;
    const { _deleted: _ignored, ...content } = withoutServerFields(newDocumentState);
    const errors = validateDocument(spec.schema, content);
    if (errors.length > 0) {
      refused.push({ id, code: 'invalid-document', message: `The ${collection} document does not match its schema`, details: errors });
      continue;
    }
    const master = stored ? toWire(stored) : undefined;
    if (master && sameContent(master, newDocumentState)) continue;
    if (isAppendOnly(collection)) {
      const verdict = checkAppendOnlyWrite(collection as AppendOnlyCollection, master, newDocumentState, writer.role);
      if (!verdict.allowed) {
        refused.push({ id, code: verdict.code, message: APPEND_ONLY_MESSAGES[verdict.code](collection) });
        continue;
      }
      if (verdict.write === 'none') continue;
    } else if (master && !sameContent(master, assumedMasterState)) {
      conflicts.push(master);
      continue;
    }
    const doc: WireDocument = {
      ...newDocumentState,
      updatedAt: clampTimestamp(newDocumentState.updatedAt ?? 0, now),
      meta: serverFields(master, newDocumentState, writer, now),
    };
    toWrite.push(toStored(doc, stored?._rev));
  }

  if (toWrite.length > 0) {
    const results = (await couch.db(collection).bulk({ docs: toWrite })) as BulkResult[];
    const raced = results.filter((result) => result.error === 'conflict').map((result) => result.id);
    for (const result of results) {
      if (result.error && result.error !== 'conflict') {
        refused.push({ id: result.id, code: 'invalid-document', message: `The store refused the write: ${result.reason ?? result.error}` });
      }
    }
    const latest = await readCurrent(couch, collection, raced);
    for (const id of raced) {
      const doc = latest.get(id);
      if (doc) conflicts.push(toWire(doc));
    }
  }
  return { conflicts, refused };
}
