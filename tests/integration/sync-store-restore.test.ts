/**
 * Issue 13: the store is restored from an older backup after phones had writes confirmed. Every
 * phone starts over (sync-checkpoints.test.ts), and it must also give the server back what the
 * restore lost, without taking the restored older states over its own newer ones
 * (app/db/store-restart.ts). Two members of one verified municipality, real server, real embedded
 * store, the backup a copy of the store's files taken while the server was stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { Need } from '../../domain/schemas/need';
import type { PullResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { addMember, api, documentsOf, makeClient, startTestServer, syncOnce, verifiedMunicipality, waitFor, type TestClient, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await server.stop();
});

async function restartWith(prepare: () => void): Promise<void> {
  const { dataDir, port } = server;
  await server.stop();
  prepare();
  server = await startTestServer(dataDir, port);
}

const storeDir = () => path.join(server.dataDir, 'store');

/** Every need `member` reads from the server, from the beginning of the feed. */
async function needsOnServer(member: TestMember): Promise<Map<string, Need>> {
  const onServer = new Map<string, Need>();
  let checkpoint = '';
  for (;;) {
    const { status, body } = await api<PullResponse<Need>>(server, `/api/sync/needs/pull?limit=500&checkpoint=${encodeURIComponent(checkpoint)}`, {}, member);
    expect(status).toBe(200);
    for (const doc of body.documents) onServer.set(doc.id, doc);
    checkpoint = body.checkpoint.seq;
    if (body.documents.length < 500) return onServer;
  }
}

describe('a store restored from an older backup', () => {
  it('gets back from the phones what it had confirmed and lost, and no phone takes an older state over its own', async () => {
    const coordinator = await verifiedMunicipality(server);
    const official = await addMember(server, coordinator);
    a = await makeClient(server, coordinator, ['needs'], 'restore-a');
    b = await makeClient(server, official, ['needs'], 'restore-b');
    const mine = { municipalityId: coordinator.municipalityId };
    const ofA = await saveDocument(a.store, 'needs', freshNeed({ ...mine, title: 'A before the backup' }));
    const ofB = await saveDocument(b.store, 'needs', freshNeed({ ...mine, title: 'B before the backup' }));
    for (const phone of [a, b, a]) await syncOnce(phone);

    const backup = fs.mkdtempSync(path.join(server.dataDir, '..', 'c4c-backup-'));
    await restartWith(() => fs.cpSync(storeDir(), backup, { recursive: true }));

    // Confirmed by the server after the backup: edits of both documents and two new ones.
    await saveDocument(a.store, 'needs', { ...ofA, title: 'A edited after the backup' });
    const newOfA = await saveDocument(a.store, 'needs', freshNeed({ ...mine, title: 'A new after the backup' }));
    await syncOnce(a);
    await syncOnce(b);
    const ofBNow = (await b.store.db.needs.findOne(ofB.id).exec())!.toJSON() as Need;
    await saveDocument(b.store, 'needs', { ...ofBNow, description: 'B described it after the backup' });
    const newOfB = await saveDocument(b.store, 'needs', freshNeed({ ...mine, title: 'B new after the backup' }));
    for (const phone of [b, a, b]) await syncOnce(phone);
    const confirmed = await needsOnServer(coordinator);
    expect(confirmed.get(ofA.id)?.title).toBe('A edited after the backup');
    expect(confirmed.get(ofB.id)?.description).toBe('B described it after the backup');
    expect([...confirmed.keys()]).toEqual(expect.arrayContaining([newOfA.id, newOfB.id]));

    await restartWith(() => {
      fs.rmSync(storeDir(), { recursive: true, force: true });
      fs.cpSync(backup, storeDir(), { recursive: true });
      fs.rmSync(backup, { recursive: true, force: true });
    });
    const restored = await needsOnServer(coordinator);
    expect(restored.get(ofA.id)?.title).toBe('A before the backup');
    expect(restored.has(newOfA.id) || restored.has(newOfB.id)).toBe(false);

    for (const phone of [a, b, a, b]) await syncOnce(phone);

    // The server has every lost write back, each as its writer last had it confirmed.
    const onServer = await needsOnServer(coordinator);
    expect(onServer.get(ofA.id)?.title).toBe('A edited after the backup');
    expect(onServer.get(ofB.id)?.description).toBe('B described it after the backup');
    expect(onServer.get(newOfA.id)?.title).toBe('A new after the backup');
    expect(onServer.get(newOfB.id)?.title).toBe('B new after the backup');
    // And both phones end with exactly that: nobody's later edit was overwritten by the restored state.
    await waitFor(async () => {
      for (const phone of [a, b]) {
        const local = new Map((await documentsOf(phone)).map((doc) => [doc.id as string, doc]));
        expect(local.size, phone.name).toBe(onServer.size);
        for (const [id, doc] of onServer) expect(local.get(id), `${phone.name} ${id}`).toMatchObject({ title: doc.title, description: doc.description, updatedAt: doc.updatedAt });
      }
    });
  });
});
