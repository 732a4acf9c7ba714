/**
 * What signing out would lose: writes waiting in the outbox and writes the server refused, counted
 * once each, listed with the phone's copy, and written to a file a person can read.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { countUnsynced, listUnsynced, unsyncedChangesFile } from '../../app/db/unsynced-changes';
import { freshNeed } from '../support/factories';

let store: LocalStore;

beforeAll(async () => {
  store = await openLocalStore(getRxStorageMemory(), `unsynced-${Date.now()}`, ['needs', 'members']);
});

afterAll(async () => {
  await store.db.close();
});

describe('unsynced changes', () => {
  it('counts waiting and refused writes once each and lists them with the phone’s copy', async () => {
    expect(countUnsynced(store, store.refused.list())).toBe(0);
    const waiting = await saveDocument(store, 'needs', freshNeed({ title: 'Generators for the hospital' }));
    const refusedNeed = await saveDocument(store, 'needs', freshNeed({ title: 'Refused one' }));
    // The refused write was also counted as waiting until the push answered: both lists name it once.
    await store.refused.record([
      { id: refusedNeed.id, code: 'not-your-municipality', message: 'This belongs to another municipality.', collection: 'needs', document: refusedNeed, serverState: null, refusedAt: 1 },
    ]);
    expect(countUnsynced(store, store.refused.list())).toBe(2);

    const changes = await listUnsynced(store);
    expect(changes).toHaveLength(2);
    expect(changes.find((change) => change.id === waiting.id)).toMatchObject({ collection: 'needs', document: { title: 'Generators for the hospital' } });
    expect(changes.find((change) => change.id === refusedNeed.id)?.refused).toEqual({ code: 'not-your-municipality', message: 'This belongs to another municipality.' });
  });

  it('writes them to a dated JSON file naming who exported them', async () => {
    const changes = await listUnsynced(store);
    const file = unsyncedChangesFile(changes, { email: 'olena@hromada.example', municipality: 'Sambir' }, new Date('2026-11-25T20:00:00Z'));
    expect(file.name).toBe('cities4cities-unsynced-2026-11-25.json');
    expect(file.type).toBe('application/json');
    const body = JSON.parse(file.text) as { kind: string; email: string; municipality: string; changes: unknown[] };
    expect(body).toMatchObject({ kind: 'unsynced-changes', email: 'olena@hromada.example', municipality: 'Sambir' });
    expect(body.changes).toEqual(JSON.parse(JSON.stringify(changes)));
  });
});
