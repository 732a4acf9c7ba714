/**
 * What the phone holds that the server does not: writes waiting in the outbox and writes the server
 * refused. Signing out deletes the member's database, so these are counted, offered for syncing and
 * exportable to a file first (issue 4: a shared phone).
 */
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { LocalStore } from './local-store';
import { CHANGES_FORMAT, CHANGES_VERSION } from './import-changes';
import { unsavedWrites } from './storage';

/** One document the server does not have in this state. */
export type UnsyncedChange = {
  collection: CollectionName;
  id: string;
  document: WireDocument;
  /** Why the server refused it, when it did. */
  refused?: { code: string; message: string };
  /** The disk was full: this write exists only in the page's memory (storage.ts). */
  unsaved?: true;
};

/** How many documents have changes the server does not hold (waiting or refused, each counted once). */
export function countUnsynced(store: LocalStore, refusedItems: readonly { collection: string; id: string }[]): number {
  const keys = new Set<string>();
  for (const collection of store.collections) for (const id of store.outboxes[collection]?.ids() ?? []) keys.add(`${collection}/${id}`);
  for (const item of refusedItems) keys.add(`${item.collection}/${item.id}`);
  return keys.size;
}

/** Every unsynced change with the document as the phone holds it now (refused ones as they were refused). */
export async function listUnsynced(store: LocalStore): Promise<UnsyncedChange[]> {
  const changes = new Map<string, UnsyncedChange>();
  for (const collection of store.collections) {
    const ids = store.outboxes[collection]?.ids() ?? [];
    if (ids.length === 0) continue;
    const docs = await store.db[collection].findByIds(ids).exec();
    for (const [id, doc] of docs) {
      changes.set(`${collection}/${id}`, { collection, id, document: doc.toMutableJSON() });
    }
  }
  for (const item of store.refused.list()) {
    const collection = item.collection as CollectionName;
    changes.set(`${collection}/${item.id}`, {
      collection,
      id: item.id,
      document: item.document,
      refused: { code: item.code, message: item.message },
    });
  }
  // Last: a write the disk refused is newer than anything stored of the same document.
  for (const item of unsavedWrites.list(store.db.name)) {
    changes.set(`${item.collection}/${item.document.id}`, { collection: item.collection, id: item.document.id, document: item.document, unsaved: true });
  }
  return [...changes.values()];
}

/** The file of unsynced changes (before signing out, or from Settings): JSON anyone can read and another phone can import. */
export function unsyncedChangesFile(
  changes: readonly UnsyncedChange[],
  who: { id?: string | null; email: string; municipality: string | null },
  now = new Date(),
) {
  // The versioned changes format (import-changes.ts), with the fields of the first sign-out files kept.
  const body = {
    format: CHANGES_FORMAT,
    version: CHANGES_VERSION,
    app: 'Cities4Cities',
    kind: 'unsynced-changes',
    scope: 'unsynced',
    exportedAt: now.toISOString(),
    member: { id: who.id ?? null, email: who.email, municipality: who.municipality },
    email: who.email,
    municipality: who.municipality,
    changes,
  };
  return {
    name: `cities4cities-unsynced-${now.toISOString().slice(0, 10)}.json`,
    type: 'application/json',
    text: `${JSON.stringify(body, null, 2)}\n`,
  };
}
