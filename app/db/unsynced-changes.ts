/**
 * What the phone holds that the server does not: writes waiting in the outbox and writes the server
 * refused. Signing out deletes the member's database, so these are counted, offered for syncing and
 * exportable to a file first (issue 4: a shared phone).
 */
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { LocalStore } from './local-store';

/** One document the server does not have in this state. */
export type UnsyncedChange = {
  collection: CollectionName;
  id: string;
  document: WireDocument;
  /** Why the server refused it, when it did. */
  refused?: { code: string; message: string };
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
  return [...changes.values()];
}

/** The file a member keeps before signing out with unsynced changes: JSON anyone can read or re-enter. */
export function unsyncedChangesFile(changes: readonly UnsyncedChange[], who: { email: string; municipality: string | null }, now = new Date()) {
  const body = {
    app: 'Cities4Cities',
    kind: 'unsynced-changes',
    exportedAt: now.toISOString(),
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
