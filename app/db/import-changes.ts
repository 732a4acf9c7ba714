/**
 * The changes file: what a phone exports (its unsynced changes, or all it holds) and what another
 * phone, or the same one after a wipe, imports. Format (versioned; the sign-out export of issue 4,
 * `kind: 'unsynced-changes'` without a version, is read too):
 *   { format: 'c4c-changes', version: 1, exportedAt, scope: 'unsynced' | 'all',
 *     member: { id, email, municipality }, changes: [{ collection, document, refused? }] }
 * Guarantees:
 * - `parseChangesFile` never throws: a file that is not ours, of a newer version, or with a
 *   document its collection's schema rejects is answered with a stable code and which change;
 * - `importChanges` writes each document as the member's own local write through `saveDocument`
 *   (restamped, queued, pushed; the server judges it as usual and a refusal shows as refused);
 *   ids are kept, so a change that reaches the server twice (from the exporting phone and the
 *   importing one) is one document; a document the phone already holds with the same content is
 *   not written again.
 */
import { isCollectionName, type CollectionName } from '../../domain/collections';
import { sameContent, type WireDocument } from '../../domain/documents';
import type { FieldError } from '../../domain/validation';
import type { RxCollection } from 'rxdb/plugins/core';
import { saveDocument, type DocumentInput, type LocalStore } from './local-store';
import { StorageFullError } from './storage';

export const CHANGES_FORMAT = 'c4c-changes';
export const CHANGES_VERSION = 1;

export type ChangesScope = 'unsynced' | 'all';

/** One document in the file. */
export type FileChange = { collection: CollectionName; document: WireDocument; refused?: { code: string; message: string } };

export type ChangesFile = {
  format: typeof CHANGES_FORMAT;
  version: typeof CHANGES_VERSION;
  exportedAt: string;
  scope: ChangesScope;
  member: { id: string | null; email: string; municipality: string | null };
  changes: FileChange[];
};

/** Who exported: the signed-in member. */
export type Exporter = { id?: string | null; email: string; municipality: string | null };

/** The file's body (and its name), from the changes to put in it. */
export function changesFile(changes: readonly FileChange[], who: Exporter, scope: ChangesScope, now = new Date()) {
  const body: ChangesFile = {
    format: CHANGES_FORMAT,
    version: CHANGES_VERSION,
    exportedAt: now.toISOString(),
    scope,
    member: { id: who.id ?? null, email: who.email, municipality: who.municipality },
    changes: changes.map(({ collection, document, refused }) => (refused ? { collection, document, refused } : { collection, document })),
  };
  return {
    name: `cities4cities-${scope === 'all' ? 'all' : 'unsynced'}-${now.toISOString().slice(0, 10)}.json`,
    type: 'application/json',
    text: `${JSON.stringify(body, null, 2)}\n`,
    body,
  };
}

/** Every live document the store holds, as changes (the "all local data" export). */
export async function listAllDocuments(store: LocalStore): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const collection of store.collections) {
    const docs = await (store.db[collection] as unknown as RxCollection<WireDocument>).find().exec();
    for (const doc of docs) changes.push({ collection, document: doc.toMutableJSON() });
  }
  return changes;
}

/** Why a file cannot be imported. Stable codes, each shown in words by the settings screen. */
export type ImportErrorCode = 'not-json' | 'not-a-changes-file' | 'unsupported-version' | 'unknown-collection' | 'invalid-document';

export type ParseResult =
  | { ok: true; file: Pick<ChangesFile, 'exportedAt' | 'member' | 'changes'> }
  | { ok: false; code: ImportErrorCode; index?: number; collection?: string; id?: string; errors?: FieldError[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A collection's schema check. The app passes validators compiled at build time (its CSP forbids
 * the eval ajv compiles with); Node callers pass `domain/validation`'s `validateDocument`.
 */
export type DocumentValidator = (collection: CollectionName, document: unknown) => FieldError[];

/** Reads and checks a changes file: the format, then every document against its collection's schema. */
export function parseChangesFile(text: string, validate: DocumentValidator): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, code: 'not-json' };
    throw error;
  }
  if (!isObject(body) || !Array.isArray(body.changes)) return { ok: false, code: 'not-a-changes-file' };
  const legacy = body.kind === 'unsynced-changes' && body.format === undefined;
  if (!legacy && body.format !== CHANGES_FORMAT) return { ok: false, code: 'not-a-changes-file' };
  if (!legacy && body.version !== CHANGES_VERSION) return { ok: false, code: 'unsupported-version' };
  const changes: FileChange[] = [];
  for (const [index, change] of (body.changes as unknown[]).entries()) {
    if (!isObject(change) || !isObject(change.document) || typeof change.collection !== 'string') {
      return { ok: false, code: 'not-a-changes-file', index };
    }
    const { collection, document } = change;
    const id = typeof document.id === 'string' ? document.id : undefined;
    if (!isCollectionName(collection)) return { ok: false, code: 'unknown-collection', index, collection, id };
    const errors = validate(collection, document);
    if (errors.length > 0) return { ok: false, code: 'invalid-document', index, collection, id, errors };
    changes.push({ collection, document: document as WireDocument });
  }
  const member = isObject(body.member) ? body.member : body;
  return {
    ok: true,
    file: {
      exportedAt: typeof body.exportedAt === 'string' ? body.exportedAt : '',
      member: {
        id: typeof member.id === 'string' ? member.id : null,
        email: typeof member.email === 'string' ? member.email : '',
        municipality: typeof member.municipality === 'string' ? member.municipality : null,
      },
      changes,
    },
  };
}

export type ImportReport = {
  /** Written as new local writes (they are on their way to the server). */
  written: number;
  /** Already on the phone with the same content. */
  unchanged: number;
  /** The disk was full: these are kept in memory (see storage.ts) and listed in Settings. */
  unsaved: number;
};

/** Writes the file's documents as the member's own writes; ids kept, the clock restamps them. */
export async function importChanges(store: LocalStore, changes: readonly FileChange[]): Promise<ImportReport> {
  const report: ImportReport = { written: 0, unchanged: 0, unsaved: 0 };
  for (const { collection, document } of changes) {
    if (!store.collections.includes(collection)) throw new Error(`the collection ${collection} is not open in this store`);
    const held = await (store.db[collection] as unknown as RxCollection<WireDocument>).findOne(document.id).exec();
    if (held && sameContent(withoutStamp(held.toMutableJSON()), withoutStamp(document))) {
      report.unchanged += 1;
      continue;
    }
    const { updatedAt: _stamp, _deleted: _deleted, ...input } = document as WireDocument & { _deleted?: boolean };
    try {
      await saveDocument(store, collection, input as DocumentInput<typeof collection>);
      report.written += 1;
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      report.unsaved += 1;
    }
  }
  return report;
}

function withoutStamp(doc: WireDocument): WireDocument {
  const { updatedAt: _stamp, ...rest } = doc;
  return rest;
}
