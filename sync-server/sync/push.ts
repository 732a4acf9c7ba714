/**
 * Push: writes a batch of documents from one signed-in member (DESIGN.md "Sync", "Auth and rules").
 * For each row the server reads the current document (one `_all_docs` for the batch, asked for
 * before the rows are validated so the store reads while the server checks, one
 * `_bulk_get` for the tombstones among them, one `_bulk_docs` for the writes) and compares it with the client's
 * `assumedMasterState`, ignoring server-set fields:
 * - a document that fails its schema is refused (`invalid-document`, field errors in `details`);
 *   one written under the previous schema version is first migrated with the strategies RxDB uses
 *   (domain/migrations.ts: the rollout window, and what a push that does not state its version means);
 * - different from what the client assumed → conflict: the current document goes back to the
 *   client, whose merge resolves it and pushes again. Only a reader of that document gets it back:
 *   for anyone else the row is judged (and refused) as below, so a push never leaks a document;
 * - otherwise `checkWrite` of domain/permissions.ts judges it (default deny) with the documents
 *   its rule needs (`related`, read in bulk per batch together with the current documents, see
 *   related.ts); a refusal is listed with
 *   the rule's stable code and message;
 * - the stored document already says what the client sends → success, nothing written (a retried
 *   push is idempotent and reports no false conflict; for append-only documents the append-only
 *   rule says when a retry differs only in what the server set);
 * - otherwise it is written with the current `_rev`; a CouchDB 409 (a race with another writer)
 *   becomes a conflict too.
 * Before anything is read, each row's id must match the id pattern of domain/ and `_deleted`, when
 * present, must be a boolean (`"true"` or `1` are refused, not taken as a deletion): the store is
 * never asked about a name like `_design/…` or `_all_docs`, and the rules and the write read the
 * same deletion flag. One refused row never blocks the others. A document written over a stored one
 * keeps that one's attachments (a photo's bytes), which the comparisons never see (wire.ts). The server sets `meta` (`createdBy` kept from the
 * stored document, else the actor; `updatedBy` the actor; never taken from the client) and clamps
 * `updatedAt` and the field stamps (`withFieldStamps`).
 */
import { hasFieldStamps, isAppendOnly, type CollectionName, type DocumentOf } from '../../domain/collections';
import { stampPushed } from '../../domain/field-stamps';
import { sameContent, withoutServerFields, type WireDocument } from '../../domain/documents';
import { clampTimestamp } from '../../domain/hlc';
import { checkWrite, mayRead, WRITE_REFUSAL_MESSAGES, type Actor, type WriteVerdict } from '../../domain/permissions';
import { checkAppendOnlyWrite, type AppendOnlyCollection } from '../../domain/rules/append-only';
import type { PushResponse, PushRow, RefusedWrite } from '../../domain/sync-protocol';
import { ID_PATTERN } from '../../domain/constants';
import { currentVersion, migrateToCurrent, toCurrentVersion } from '../../domain/migrations';
import type { FieldError } from '../../domain/validation';
import type { Couch, StoredDocument } from '../store/couch';
import { RelatedLookup } from './related';
import { toStoredOver, toWire } from './wire';

type AllDocsRow = { key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: StoredDocument | null };
type BulkGetResponse = { results: { id: string; docs: { ok?: StoredDocument; error?: unknown }[] }[] };
type BulkResult = { id: string; rev?: string; ok?: boolean; error?: string; reason?: string };

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
  const tombstones: { id: string; rev: string }[] = [];
  for (const row of body.rows) {
    if (row.doc) current.set(row.key, row.doc);
    else if (row.value?.deleted) tombstones.push({ id: row.key, rev: row.value.rev });
  }
  // _all_docs gives no body for a tombstone; read them all at their revisions in one request (ours keep their body).
  if (tombstones.length > 0) {
    const read = (await couch.nano.request({ db: couch.dbName(collection), path: '_bulk_get', method: 'post', body: { docs: tombstones } })) as BulkGetResponse;
    for (const result of read.results) {
      const doc = result.docs.find((entry) => entry.ok)?.ok;
      if (!doc) throw new Error(`the store did not return tombstone ${result.id} of ${collection}`);
      current.set(result.id, doc);
    }
  }
  return current;
}

function serverFields(previous: WireDocument | undefined, doc: WireDocument, actor: Actor, now: number): Record<string, unknown> {
  const before = (previous?.meta ?? {}) as Record<string, unknown>;
  const meta: Record<string, unknown> = {
    createdAt: before.createdAt ?? now,
    createdBy: before.createdBy ?? actor.memberId,
    serverUpdatedAt: now,
    updatedBy: actor.memberId,
  };
  const publishedAt = before.publishedAt ?? (doc.status !== undefined && doc.status !== 'draft' ? now : undefined);
  if (publishedAt !== undefined) meta.publishedAt = publishedAt;
  return meta;
}

const NOT_YOURS = { allowed: false, code: 'not-your-municipality', message: WRITE_REFUSAL_MESSAGES['not-your-municipality'] } as const;

function refusal(id: string, verdict: Extract<WriteVerdict, { allowed: false }>): RefusedWrite {
  return { id, code: verdict.code, message: verdict.message };
}

const ID_REGEX = new RegExp(ID_PATTERN);

/** What must hold of a row before the store is asked about it: a well-formed id and a boolean `_deleted`. */
function envelopeErrors({ newDocumentState, assumedMasterState }: PushRow): FieldError[] {
  const errors: FieldError[] = [];
  if (!ID_REGEX.test(newDocumentState.id)) errors.push({ field: 'id', message: `must match pattern "${ID_PATTERN}"`, keyword: 'pattern' });
  for (const state of [newDocumentState, assumedMasterState]) {
    if (state !== undefined && '_deleted' in state && typeof state._deleted !== 'boolean') {
      errors.push({ field: '_deleted', message: 'must be boolean', keyword: 'type' });
      break;
    }
  }
  return errors;
}

/**
 * The row as a document of the current schema version: `document` is the pushed content migrated
 * (domain/migrations.ts), and the assumed master state is carried forward the same way, so a phone
 * that has not updated yet compares like one that has.
 */
function atCurrentVersion(collection: CollectionName, row: PushRow, document: Record<string, unknown>, deleted: unknown): PushRow {
  const newDocumentState = { ...document, ...(deleted === undefined ? {} : { _deleted: deleted }) } as WireDocument;
  const { assumedMasterState, schemaVersion } = row;
  if (!assumedMasterState || schemaVersion === undefined) return { assumedMasterState, newDocumentState, schemaVersion };
  const assumed = migrateToCurrent(collection, assumedMasterState, schemaVersion);
  return { assumedMasterState: assumed.ok ? (assumed.document as WireDocument) : assumedMasterState, newDocumentState, schemaVersion };
}

/**
 * The pushed document with the field stamps the server keeps (domain/field-stamps.ts): stamps from
 * its future clamped; for a build older than the current schema version (or one that does not say),
 * stamps derived from what changed against the stored document, as that build does not stamp.
 */
function withFieldStamps(collection: CollectionName, master: WireDocument | undefined, row: PushRow, now: number): WireDocument {
  if (!hasFieldStamps(collection)) return row.newDocumentState;
  const trustsStamps = row.schemaVersion !== undefined && row.schemaVersion >= currentVersion(collection);
  return stampPushed(master, row.newDocumentState, now, trustsStamps);
}

/** A row that passed its schema, with the stored document it is written over. */
type Candidate = { row: PushRow; stored: StoredDocument | undefined; master: WireDocument | undefined };

/** Validates, compares, judges and writes one push batch of `actor`; see the module header. */
export async function pushDocuments(couch: Couch, collection: CollectionName, pushed: PushRow[], actor: Actor, now = Date.now()): Promise<PushResponse> {
  const conflicts: WireDocument[] = [];
  const refused: RefusedWrite[] = [];
  const toWrite: StoredDocument[] = [];

  const rows: PushRow[] = [];
  for (const row of pushed) {
    const errors = envelopeErrors(row);
    if (errors.length > 0) refused.push({ id: row.newDocumentState.id, code: 'invalid-document', message: `The ${collection} document does not match its schema`, details: errors });
    else rows.push(row);
  }
  // The current documents are asked for first: the store reads them while the rows are checked
  // against their schemas here. Each row is checked before its related documents are read, so
  // those (related.ts) are read while the current documents are, not after them.
  const reading = readCurrent(couch, collection, rows.map((row) => row.newDocumentState.id));
  // Awaited below; a failure before then must not count as unhandled.
  reading.catch(() => undefined);
  const checkedRows = rows.map((row) => {
    const { _deleted: deleted, ...content } = withoutServerFields(row.newDocumentState);
    const checked = toCurrentVersion(collection, content, row.schemaVersion);
    return { row, deleted, checked, current: checked.ok ? atCurrentVersion(collection, row, checked.document, deleted) : null };
  });
  const [current, related] = await Promise.all([
    reading,
    new RelatedLookup(couch).of(
      collection,
      checkedRows.flatMap(({ current: row }) => (row ? [row.newDocumentState] : [])),
      'write',
    ),
  ]);

  const candidates: Candidate[] = [];
  for (const { row, checked, current: atCurrent } of checkedRows) {
    const { id } = row.newDocumentState;
    const stored = current.get(id);
    // Deleting what the server never had (e.g. discarding a refused new document): nothing to write.
    if (!stored && row.newDocumentState._deleted === true) continue;
    if (!checked.ok || !atCurrent) {
      if (!checked.ok) refused.push({ id, code: 'invalid-document', message: checked.message, details: checked.errors });
      continue;
    }
    candidates.push({ row: atCurrent, stored, master: stored ? toWire(stored) : undefined });
  }

  const judge = (master: WireDocument | undefined, incoming: WireDocument) =>
    checkWrite(actor, collection, master as DocumentOf[CollectionName] | undefined, incoming as DocumentOf[CollectionName], related.get(incoming.id));

  for (const { row, stored, master } of candidates) {
    const { assumedMasterState, newDocumentState } = row;
    const { id } = newDocumentState;
    const retry = master !== undefined && sameContent(master, newDocumentState);
    if (master && !retry && !isAppendOnly(collection) && !sameContent(master, assumedMasterState)) {
      // Without lookups `mayRead` says yes only where it needs none (one's own municipality's
      // documents, one's own contact, everything for a moderator, …), which covers every document
      // `checkWrite` lets its writer change; anything else is judged instead of handed back.
      if (mayRead(actor, collection, master as DocumentOf[CollectionName])) {
        conflicts.push(master);
        continue;
      }
      const verdict = judge(master, newDocumentState);
      // No rule lets anyone change what they may not read; should one ever, refuse rather than leak.
      refused.push(refusal(id, verdict.allowed ? NOT_YOURS : verdict));
      continue;
    }
    const verdict = judge(master, newDocumentState);
    if (!verdict.allowed) {
      refused.push(refusal(id, verdict));
      continue;
    }
    if (retry) continue;
    // `checkWrite` allowed it; the append-only rule only says whether a retry left anything to write.
    if (isAppendOnly(collection)) {
      const appendOnly = checkAppendOnlyWrite(collection as AppendOnlyCollection, master, newDocumentState, actor.role);
      if (appendOnly.allowed && appendOnly.write === 'none') continue;
    }
    const doc: WireDocument = {
      ...withFieldStamps(collection, master, row, now),
      updatedAt: clampTimestamp(newDocumentState.updatedAt ?? 0, now),
      meta: serverFields(master, newDocumentState, actor, now),
    };
    toWrite.push(toStoredOver(doc, stored));
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
