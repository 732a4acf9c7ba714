/**
 * An app update under documents written offline: a phone on the old build (needs and offers at
 * schema version 0, tests/fixtures/schema-v0) writes while offline, the new build (version 1)
 * opens the same storage, RxDB migrates the documents with the strategies of domain/, the outbox
 * still counts them as waiting, and they reach the server on the next sync.
 */
import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridClock } from '../../app/db/clock';
import type { AppDatabase } from '../../app/db/database';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { Outbox } from '../../app/db/outbox';
import { markPulledWrites } from '../../app/db/pulled-marks';
import { RefusedWrites } from '../../app/db/refused-writes';
import { startSync } from '../../app/db/replication';
import type { CollectionName } from '../../domain/collections';
import type { PushResponse } from '../../domain/sync-protocol';
import { NEED_SCHEMA_V0, OFFER_SCHEMA_V0 } from '../fixtures/schema-v0/index';
import { freshNeed, makeId, makeOffer } from '../support/factories';
import { api, makeClient, NetworkSwitch, startTestServer, syncOnce, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

addRxPlugin(RxDBLocalDocumentsPlugin);

const COLLECTIONS: readonly CollectionName[] = ['needs', 'offers'];

/**
 * The phone's store as the build before version 1 opened it: the app's own database options, clock,
 * outbox and refused writes, only with the frozen version 0 schemas.
 */
async function openOldBuildStore(storage: RxStorage<unknown, unknown>, name: string): Promise<LocalStore> {
  const db = await createRxDatabase({ name, storage: markPulledWrites(storage), localDocuments: true, closeDuplicates: true });
  await db.addCollections({
    needs: { schema: NEED_SCHEMA_V0, localDocuments: true },
    offers: { schema: OFFER_SCHEMA_V0, localDocuments: true },
  });
  const appDb = db as unknown as AppDatabase;
  return {
    db: appDb,
    clock: await HybridClock.open(appDb),
    collections: COLLECTIONS,
    outboxes: { needs: await Outbox.open(appDb.needs), offers: await Outbox.open(appDb.offers) },
    refused: await RefusedWrites.open(appDb),
    backgroundErrors: new Subject<unknown>(),
  };
}

/** A document of the server, read back through the sync API as the member sees it. */
async function onServer(server: TestServer, member: TestMember, collection: CollectionName): Promise<Record<string, unknown>[]> {
  const { body } = await api<{ documents: Record<string, unknown>[] }>(server, `/api/sync/${collection}/pull?limit=500`, {}, member);
  return body.documents;
}

describe('documents written offline under schema version 0, after the update to version 1', () => {
  let server: TestServer;
  let member: TestMember;

  beforeAll(async () => {
    server = await startTestServer();
    member = await verifiedMunicipality(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('are migrated, still waiting, and sync', async () => {
    const storage = wrappedValidateAjvStorage({ storage: getRxStorageMemory() });
    const name = `old-build-${makeId().slice(0, 8)}`;

    // The old build: one need synced while online, then a need and an offer written offline.
    const old = await openOldBuildStore(storage, name);
    const network = new NetworkSwitch(() => member.browser.cookieHeader);
    const engine = startSync(old, { baseUrl: server.url, fetch: network.fetch, retryTimeMs: 300, streamMinDelayMs: 100, requestTimeoutMs: 10_000 });
    const { photoIds: _noPhotos, ...syncedNeed } = freshNeed({ municipalityId: member.municipalityId, title: 'Synced before the update' });
    await saveDocument(old, 'needs', syncedNeed);
    engine.reSync();
    await engine.awaitInSync();
    expect(old.outboxes.needs?.size).toBe(0);

    network.goOffline();
    const { photoIds: _none, ...offlineNeed } = freshNeed({ municipalityId: member.municipalityId, title: 'Written offline by the old build' });
    const { photoIds: _neither, ...offlineOffer } = makeOffer({ id: makeId(), municipalityId: member.municipalityId, title: 'Offered offline by the old build' });
    const writtenNeed = await saveDocument(old, 'needs', offlineNeed);
    const writtenOffer = await saveDocument(old, 'offers', offlineOffer);
    expect([old.outboxes.needs?.size, old.outboxes.offers?.size]).toEqual([1, 1]);
    await engine.stop();
    await old.db.close();

    // The new build opens the same storage: RxDB migrates needs and offers to version 1.
    const updated = await openLocalStore(storage, name, COLLECTIONS);
    expect(updated.db.needs.schema.version).toBe(1);
    expect(updated.db.offers.schema.version).toBe(1);
    const needs = await updated.db.needs.find().exec();
    expect(needs.map((doc) => doc.title).sort()).toEqual(['Synced before the update', 'Written offline by the old build']);
    expect((await updated.db.needs.findOne(offlineNeed.id).exec())?.toJSON()).toEqual(writtenNeed);
    expect((await updated.db.offers.findOne(offlineOffer.id).exec())?.toJSON()).toEqual(writtenOffer);
    // The outbox (local documents) survived the migration: the offline writes are still waiting.
    expect(updated.outboxes.needs?.ids()).toEqual([offlineNeed.id]);
    expect(updated.outboxes.offers?.ids()).toEqual([offlineOffer.id]);
    await updated.db.close();

    // The new build syncs: the offline writes arrive, and the phone has nothing left waiting.
    const phone = await makeClient(server, member, COLLECTIONS, name, { storage, databaseName: name });
    try {
      await syncOnce(phone);
      expect([phone.store.outboxes.needs?.size, phone.store.outboxes.offers?.size]).toEqual([0, 0]);
      const serverNeeds = await onServer(server, member, 'needs');
      expect(serverNeeds.map((doc) => doc.title).sort()).toEqual(['Synced before the update', 'Written offline by the old build']);
      expect((await onServer(server, member, 'offers')).map((doc) => doc.id)).toEqual([offlineOffer.id]);
      expect(phone.store.refused.list()).toEqual([]);

      // Version 1 documents (with photos) travel too, and the pulled v0 documents merge with them.
      await saveDocument(phone.store, 'needs', { ...offlineNeed, photoIds: ['photo-00000001'] });
      await syncOnce(phone);
      expect((await onServer(server, member, 'needs')).find((doc) => doc.id === offlineNeed.id)?.photoIds).toEqual(['photo-00000001']);
    } finally {
      await phone.close();
    }
  });

  it.each([
    ['states version 0', 0, true],
    ['states version 1', 1, true],
    ['states no version', undefined, true],
    ['states a version this server does not know', 2, false],
  ] as const)('the server takes a version 0 need whose push %s: %s', async (_what, schemaVersion, accepted) => {
    const { photoIds: _none, ...need } = freshNeed({ municipalityId: member.municipalityId });
    const row = { newDocumentState: need, ...(schemaVersion === undefined ? {} : { schemaVersion }) };
    const { status, body } = await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify([row]) }, member);
    expect(status).toBe(200);
    expect(body.conflicts).toEqual([]);
    if (accepted) expect(body.refused).toEqual([]);
    else expect(body.refused).toEqual([expect.objectContaining({ id: need.id, code: 'invalid-document', message: expect.stringMatching(/update the app/) as unknown })]);
  });
});
