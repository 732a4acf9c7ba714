/**
 * Wipe detection (issue 11): the marker outside IndexedDB against what the database holds, as a
 * table; and the checkpoints RxDB's replication keeps, found and reset under the names RxDB uses.
 */
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import {
  collectionsWithCheckpoint,
  detectWipe,
  readSyncMarker,
  recoverIfWiped,
  resetCheckpoints,
  syncMarkerKey,
  wipeRecovery,
  writeSyncMarker,
  type WipeEvidence,
  type WipeVerdict,
} from '../../app/db/wipe-detection';
import type { CollectionName } from '../../domain/collections';
import { freshNeed, makeMember } from '../support/factories';

const marker = (counts: WipeEvidence['counts']) => ({ lastSyncedAt: 1_790_000_000_000, counts });

describe('detectWipe', () => {
  const cases: [string, WipeEvidence, WipeVerdict][] = [
    ['never synced, empty', { marker: null, counts: { needs: 0 }, checkpoints: [] }, { wiped: false }],
    ['never synced, own writes only', { marker: null, counts: { needs: 2 }, checkpoints: [] }, { wiped: false }],
    ['synced, holds what it held', { marker: marker({ needs: 5, members: 1 }), counts: { needs: 5, members: 1 }, checkpoints: ['needs'] }, { wiped: false }],
    ['synced, holds more now', { marker: marker({ needs: 5 }), counts: { needs: 9 }, checkpoints: ['needs'] }, { wiped: false }],
    ['synced an empty collection, still empty', { marker: marker({ needs: 5, offers: 0 }), counts: { needs: 5, offers: 0 }, checkpoints: ['needs', 'offers'] }, { wiped: false }],
    [
      'everything deleted (checkpoints too)',
      { marker: marker({ needs: 5, members: 1, offers: 0 }), counts: { needs: 0, members: 0, offers: 0 }, checkpoints: [] },
      { wiped: true, reason: 'database-empty', collections: ['needs', 'members'] },
    ],
    [
      'one collection deleted, its checkpoint left',
      { marker: marker({ needs: 5, members: 1 }), counts: { needs: 0, members: 1 }, checkpoints: ['needs', 'members'] },
      { wiped: true, reason: 'collections-emptied', collections: ['needs'] },
    ],
    [
      'marker lost, checkpoints without any document',
      { marker: null, counts: { needs: 0, members: 0 }, checkpoints: ['needs', 'members'] },
      { wiped: true, reason: 'checkpoint-without-documents', collections: ['needs', 'members'] },
    ],
  ];
  it.each(cases)('%s', (_name, evidence, expected) => {
    expect(detectWipe(evidence)).toEqual(expected);
  });
});

describe('the sync marker', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
  };

  it('round-trips under c4c-synced-<memberId>', () => {
    const storage = memory();
    writeSyncMarker('member-1', marker({ needs: 3 }), storage);
    expect([...storage.items.keys()]).toEqual([syncMarkerKey('member-1')]);
    expect(syncMarkerKey('member-1')).toBe('c4c-synced-member-1');
    expect(readSyncMarker('member-1', storage)).toEqual(marker({ needs: 3 }));
    expect(readSyncMarker('member-2', storage)).toBeNull();
  });

  it('reads a damaged marker as none', () => {
    const storage = memory();
    storage.setItem(syncMarkerKey('m'), '{not json');
    expect(readSyncMarker('m', storage)).toBeNull();
    storage.setItem(syncMarkerKey('m'), JSON.stringify({ counts: 'x' }));
    expect(readSyncMarker('m', storage)).toBeNull();
  });
});

describe('checkpoints of a wiped phone', () => {
  let store: LocalStore | undefined;
  afterEach(async () => {
    await store?.db.close();
    wipeRecovery.dismiss();
  });
  const identifierOf = (name: CollectionName) => `c4c-http-${name}-test`;

  const noMarkers = { getItem: () => null };

  /** Pulls `documents` of `name` once (RxDB saves a checkpoint with the first batch that has documents). */
  async function pullOnce(target: LocalStore, name: CollectionName, documents: object[]): Promise<void> {
    let answered = false;
    const replication = replicateRxCollection({
      collection: target.db[name] as never,
      replicationIdentifier: identifierOf(name),
      live: false,
      waitForLeadership: false,
      pull: {
        handler: () => {
          const batch = answered ? [] : documents;
          answered = true;
          return Promise.resolve({ documents: batch as never[], checkpoint: { seq: 'db-1:7' } });
        },
      },
    });
    await replication.awaitInitialReplication();
    await replication.cancel();
  }

  it('finds the checkpoint RxDB saved and removes it, so the next pull starts from zero', async () => {
    store = await openLocalStore(getRxStorageMemory(), `wipe-${Date.now()}`, ['needs', 'members']);
    expect(await collectionsWithCheckpoint(store, identifierOf)).toEqual([]);
    await pullOnce(store, 'needs', [freshNeed()]);
    expect(await collectionsWithCheckpoint(store, identifierOf)).toEqual(['needs']);
    await resetCheckpoints(store, ['needs'], identifierOf);
    expect(await collectionsWithCheckpoint(store, identifierOf)).toEqual([]);
  });

  it('announces a recovery when the database is empty but the checkpoints remain', async () => {
    store = await openLocalStore(getRxStorageMemory(), `wipe-${Date.now()}`, ['needs', 'members']);
    await pullOnce(store, 'needs', [freshNeed(), freshNeed()]);
    await pullOnce(store, 'members', [makeMember()]);
    // What a browser deleting the collections' data but not their checkpoints leaves behind.
    await store.db.needs.find().remove();
    await store.db.members.find().remove();
    const verdict = await recoverIfWiped(store, 'member-1', identifierOf, noMarkers);
    expect(verdict).toEqual({ wiped: true, reason: 'checkpoint-without-documents', collections: ['needs', 'members'] });
    expect(wipeRecovery.current).toMatchObject({ phase: 'downloading', reason: 'checkpoint-without-documents' });
    expect(await collectionsWithCheckpoint(store, identifierOf)).toEqual([]);
    wipeRecovery.restored();
    expect(wipeRecovery.current?.phase).toBe('restored');
  });

  it('leaves a phone that holds its documents alone', async () => {
    store = await openLocalStore(getRxStorageMemory(), `wipe-${Date.now()}`, ['needs', 'members']);
    await pullOnce(store, 'needs', [freshNeed()]);
    await saveDocument(store, 'needs', freshNeed());
    expect(await recoverIfWiped(store, 'member-1', identifierOf, noMarkers)).toEqual({ wiped: false });
    expect(await collectionsWithCheckpoint(store, identifierOf)).toEqual(['needs']);
    expect(wipeRecovery.current).toBeNull();
  });
});
