/**
 * An app update under documents written offline: a phone on the old build (needs and offers at
 * schema version 1, tests/fixtures/schema-v1) writes while offline, the new build (version 2, field
 * stamps) opens the same storage, RxDB migrates the documents with the strategies of domain/, the
 * outbox still counts them as waiting, and they reach the server on the next sync. A push from the
 * old build, which stamps nothing, gets stamps from the server for the fields it changed.
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
import { NEED_SCHEMA_V1, OFFER_SCHEMA_V1 } from '../fixtures/schema-v1/index';
import { freshNeed, makeId, makeOffer } from '../support/factories';
import { api, makeClient, NetworkSwitch, startTestServer, syncOnce, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

addRxPlugin(RxDBLocalDocumentsPlugin);

const COLLECTIONS: readonly CollectionName[] = ['needs', 'offers'];

/**
 * The phone's store as the build before version 2 opened it: the app's own database options, clock,
 * outbox and refused writes, only with the frozen version 1 schemas.
 */
async function openOldBuildStore(storage: RxStorage<unknown, unknown>, name: string): Promise<LocalStore> {
  const db = await createRxDatabase({ name, storage: markPulledWrites(storage), localDocuments: true, closeDuplicates: true });
  await db.addCollections({
    needs: { schema: NEED_SCHEMA_V1, localDocuments: true, migrationStrategies: { 1: (doc: Record<string, unknown>) => doc } },
    offers: { schema: OFFER_SCHEMA_V1, localDocuments: true, migrationStrategies: { 1: (doc: Record<string, unknown>) => doc } },
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

describe('documents written offline under schema version 1, after the update to version 2', () => {
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

    // The new build opens the same storage: RxDB migrates needs and offers to version 2.
    const updated = await openLocalStore(storage, name, COLLECTIONS);
    expect(updated.db.needs.schema.version).toBe(2);
    expect(updated.db.offers.schema.version).toBe(2);
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

      // The new build stamps what it changes; the migrated documents had no stamps and need none.
      const edited = await saveDocument(phone.store, 'needs', { ...offlineNeed, photoIds: ['photo-00000001'] });
      expect(edited.fieldStamps).toEqual({ photoIds: edited.updatedAt });
      await syncOnce(phone);
      const stored = (await onServer(server, member, 'needs')).find((doc) => doc.id === offlineNeed.id);
      expect(stored).toMatchObject({ photoIds: ['photo-00000001'], fieldStamps: { photoIds: edited.updatedAt } });
    } finally {
      await phone.close();
    }
  });

  it.each([
    ['states version 0, two versions back', 0, false],
    ['states version 1', 1, true],
    ['states version 2', 2, true],
    ['states no version', undefined, true],
    ['states a version this server does not know', 3, false],
  ] as const)('the server takes a need without photos or stamps whose push %s: %s', async (_what, schemaVersion, accepted) => {
    const { photoIds: _none, ...need } = freshNeed({ municipalityId: member.municipalityId });
    const row = { newDocumentState: need, ...(schemaVersion === undefined ? {} : { schemaVersion }) };
    const { status, body } = await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify([row]) }, member);
    expect(status).toBe(200);
    expect(body.conflicts).toEqual([]);
    if (accepted) expect(body.refused).toEqual([]);
    else expect(body.refused).toEqual([expect.objectContaining({ id: need.id, code: 'invalid-document', message: expect.stringMatching(/update the app/) as unknown })]);
  });

  it('a version 1 push (no stamps) gets stamps for the fields it changed, and keeps the stored ones of the rest', async () => {
    const need = freshNeed({ municipalityId: member.municipalityId });
    const push = async (rows: unknown[]) => (await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify(rows) }, member)).body;
    const stamped = { ...need, fieldStamps: { title: need.updatedAt } };
    expect(await push([{ newDocumentState: stamped, schemaVersion: 2 }])).toEqual({ conflicts: [], refused: [] });
    const [assumed] = (await onServer(server, member, 'needs')).filter((doc) => doc.id === need.id);
    // The old build edits the description and sends back the stamps it pulled, unchanged.
    const { meta: _serverSet, ...pulled } = assumed ?? {};
    const edited = { ...pulled, description: 'Changed by a phone on the old build', updatedAt: need.updatedAt + 1000 };
    expect(await push([{ assumedMasterState: assumed, newDocumentState: edited, schemaVersion: 1 }])).toEqual({ conflicts: [], refused: [] });
    const [after] = (await onServer(server, member, 'needs')).filter((doc) => doc.id === need.id);
    expect(after?.fieldStamps).toEqual({ title: need.updatedAt, description: need.updatedAt + 1000 });
  });

  it('a stamp from the server\'s future is clamped like updatedAt', async () => {
    const need = freshNeed({ municipalityId: member.municipalityId });
    const future = Date.now() + 24 * 3600 * 1000;
    const { body } = await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify([{ newDocumentState: { ...need, fieldStamps: { title: future } }, schemaVersion: 2 }]) }, member);
    expect(body).toEqual({ conflicts: [], refused: [] });
    const [stored] = (await onServer(server, member, 'needs')).filter((doc) => doc.id === need.id);
    expect((stored?.fieldStamps as { title: number }).title).toBeLessThan(future - 3600 * 1000);
  });
});
