/**
 * Two phones and the real sync server on the real embedded store: needs travel, merge and survive.
 * The phones belong to two officials of one verified municipality (A on phone a, B on phone b).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { Need } from '../../domain/schemas/need';
import { freshNeed } from '../support/factories';
import {
  addMember,
  documentsOf,
  ClientPool,
  expectSameState,
  startTestServer,
  syncAll,
  syncOnce,
  waitFor,
  type TestClient,
  type TestMember,
  type TestServer,
  verifiedMunicipality,
} from './support/sync-harness';

let server: TestServer;
const clients = new ClientPool(() => server);
/** Two officials of one municipality: phones made by `client()` alternate between them (a, b, a, …). */
let officials: [TestMember, TestMember];

const client = () => clients.add(officials[clients.size % 2]!);

/** A new need of the officials' municipality. */
function ourNeed(overrides: Partial<Need> = {}): Need {
  return freshNeed({ municipalityId: officials[0].municipalityId, ...overrides });
}

async function needOn(phone: TestClient, id: string): Promise<Need | undefined> {
  return (await phone.store.db.needs.findOne(id).exec())?.toMutableJSON();
}

beforeAll(async () => {
  server = await startTestServer();
  const coordinator = await verifiedMunicipality(server);
  officials = [coordinator, await addMember(server, coordinator)];
});

afterEach(async () => {
  await clients.closeAll();
});

afterAll(async () => {
  await server.stop();
});

describe('a need written on one phone', () => {
  it('reaches another phone through the live stream, without a pull of its own', async () => {
    const [a, b] = [await client(), await client()];
    await Promise.all([syncOnce(a), syncOnce(b)]);
    await waitFor(() => expect(b.engine.replications.needs).toBeDefined());
    const need = await saveDocument(a.store, 'needs', ourNeed({ title: 'Water purification tablets' }));

    const arrived = await waitFor(async () => {
      const found = await needOn(b, need.id);
      expect(found?.title).toBe('Water purification tablets');
      return found!;
    });
    expect(arrived.meta?.serverUpdatedAt).toBeGreaterThan(0);
    expect(arrived.meta?.publishedAt).toBeGreaterThan(0);
  });

  it('written offline waits (counted as pending) and syncs when the network returns', async () => {
    const [a, b] = [await client(), await client()];
    await syncAll(a, b);
    a.network.goOffline();
    const need = await saveDocument(a.store, 'needs', ourNeed());
    await waitFor(() => expect(a.store.outboxes.needs!.size).toBe(1));
    expect(await needOn(b, need.id)).toBeUndefined();

    await syncOnce(a);
    await waitFor(() => expect(a.store.outboxes.needs!.size).toBe(0));
    await waitFor(async () => expect((await needOn(b, need.id))?.id).toBe(need.id));
  });
});

describe('two officials editing the same need offline', () => {
  it('keeps both edits when they changed different fields', async () => {
    const [a, b] = [await client(), await client()];
    const need = await saveDocument(a.store, 'needs', ourNeed({ quantity: 4, urgency: 'high' }));
    await syncAll(a, b);
    a.network.goOffline();
    b.network.goOffline();
    const onA = (await needOn(a, need.id))!;
    const onB = (await needOn(b, need.id))!;
    await saveDocument(a.store, 'needs', { ...onA, quantity: 6 });
    await saveDocument(b.store, 'needs', { ...onB, urgency: 'critical' });

    await syncAll(a, b);
    const merged = (await needOn(a, need.id))!;
    expect(merged.quantity).toBe(6);
    expect(merged.urgency).toBe('critical');
    await expectSameState(a, b);
  });

  it('the later edit wins a field both changed: B edits the title after A, B wins', async () => {
    const [a, b] = [await client(), await client()];
    const need = await saveDocument(a.store, 'needs', ourNeed({ title: 'Generators' }));
    await syncAll(a, b);
    a.network.goOffline();
    b.network.goOffline();
    await saveDocument(a.store, 'needs', { ...(await needOn(a, need.id))!, title: 'Generators 20 kW' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveDocument(b.store, 'needs', { ...(await needOn(b, need.id))!, title: 'Generators 30 kW' });

    // A reaches the server first; B's push then conflicts and B's merge decides.
    await syncOnce(a);
    await syncOnce(b);
    await syncAll(a, b);
    expect((await needOn(a, need.id))!.title).toBe('Generators 30 kW');
    await expectSameState(a, b);
  });

  it('a stale push is answered with the server state as a conflict, not overwritten', async () => {
    const a = await client();
    const need = await saveDocument(a.store, 'needs', ourNeed({ title: 'Blankets' }));
    await syncOnce(a);
    const master = (await needOn(a, need.id))!;
    const push = async (newTitle: string) =>
      (await fetch(`${server.url}/api/sync/needs/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: a.member.browser.cookieHeader! },
        body: JSON.stringify([
          {
            assumedMasterState: { ...master, title: 'Not what the server has', _deleted: false },
            newDocumentState: { ...master, title: newTitle, updatedAt: master.updatedAt + 1, _deleted: false },
          },
        ]),
      }).then((response) => response.json())) as { conflicts: Need[]; refused: unknown[] };
    const answer = await push('Overwrite attempt');
    expect(answer.conflicts).toHaveLength(1);
    expect(answer.conflicts[0]!.title).toBe('Blankets');
    const pulled = (await fetch(`${server.url}/api/sync/needs/pull?limit=500`, { headers: { cookie: a.member.browser.cookieHeader! } }).then((r) => r.json())) as {
      documents: Need[];
    };
    expect(pulled.documents.find((doc) => doc.id === need.id)?.title).toBe('Blankets');
  });
});

describe('deleting a need', () => {
  it('travels as a tombstone that keeps its body and passes the other phone schema', async () => {
    const [a, b] = [await client(), await client()];
    // Only drafts are deleted (a published need is withdrawn instead).
    const need = await saveDocument(a.store, 'needs', ourNeed({ status: 'draft' }));
    await syncAll(a, b);
    await (await a.store.db.needs.findOne(need.id).exec())!.remove();
    await syncAll(a, b);
    expect(await documentsOf(b)).not.toContainEqual(expect.objectContaining({ id: need.id }));
  });
});

describe('a restart of the server', () => {
  it('loses nothing, and phones carry on by themselves', async () => {
    const a = await client();
    const needs = await Promise.all([1, 2, 3].map((n) => saveDocument(a.store, 'needs', ourNeed({ title: `Need number ${n}` }))));
    await syncOnce(a);
    server = await server.restart();

    const b = await client();
    await syncOnce(b);
    const ids = (await documentsOf(b)).map((doc) => doc.id);
    for (const need of needs) expect(ids).toContain(need.id);

    const later = await saveDocument(a.store, 'needs', ourNeed({ title: 'Written after the restart' }));
    await waitFor(async () => expect((await needOn(b, later.id))?.title).toBe('Written after the restart'), 20_000);
  });
});
