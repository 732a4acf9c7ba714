/**
 * Per-record sync states with two real phones and the real server (issue 11 "Per record"): a need
 * edited on two phones offline, different fields, is recorded as merged on the phone whose push met
 * the conflict, naming the fields the other official changed; the phone that pushed first has
 * nothing to report; a write the rules refuse reads as refused with the server's code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import { mergedWritesOf } from '../../app/db/merged-writes';
import { writeStateOf } from '../../app/db/usePending';
import type { Need } from '../../domain/schemas/need';
import { freshNeed } from '../support/factories';
import {
  addMember,
  ClientPool,
  expectSameState,
  startTestServer,
  syncAll,
  syncOnce,
  verifiedMunicipality,
  waitFor,
  type TestClient,
  type TestMember,
  type TestServer,
} from './support/sync-harness';

let server: TestServer;
const clients = new ClientPool(() => server);
let officials: [TestMember, TestMember];

async function needOn(phone: TestClient, id: string): Promise<Need> {
  return (await phone.store.db.needs.findOne(id).exec())!.toMutableJSON();
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

describe('a need edited on two phones offline, different fields', () => {
  it('the phone whose push met the conflict shows "merged" with the other side’s fields; the first phone shows "sent"', async () => {
    const [a, b] = [await clients.add(officials[0]), await clients.add(officials[1])];
    const need = await saveDocument(a.store, 'needs', freshNeed({ municipalityId: officials[0].municipalityId, quantity: 4, urgency: 'high' }));
    await syncAll(a, b);
    expect(writeStateOf(a.store, 'needs', need.id)).toBe('sent');

    a.network.goOffline();
    b.network.goOffline();
    await saveDocument(a.store, 'needs', { ...(await needOn(a, need.id)), quantity: 6 });
    await saveDocument(b.store, 'needs', { ...(await needOn(b, need.id)), urgency: 'critical' });
    expect(writeStateOf(a.store, 'needs', need.id)).toBe('waiting');
    expect(writeStateOf(b.store, 'needs', need.id)).toBe('waiting');

    // A reaches the server first; B's push then conflicts and B's conflict handler merges.
    await syncOnce(a);
    await syncOnce(b);
    await syncAll(a, b);
    await expectSameState(a, b);
    expect(await needOn(b, need.id)).toMatchObject({ quantity: 6, urgency: 'critical' });

    await waitFor(() => expect(writeStateOf(b.store, 'needs', need.id)).toBe('merged'));
    const merge = mergedWritesOf(b.store.db).find('needs', need.id)!;
    expect(merge.fields).toEqual(['quantity']);
    expect(merge.theirFields).toEqual(['quantity']);
    expect(merge.by).toBe(officials[0].id);
    // A pushed first and only received B's change as a pull: nothing of A's edit was merged away.
    expect(writeStateOf(a.store, 'needs', need.id)).toBe('sent');
    expect(mergedWritesOf(a.store.db).find('needs', need.id)).toBeUndefined();
  });
});

describe('a write the rules refuse', () => {
  it('reads as refused with the server’s code, not as waiting or sent', async () => {
    const [a] = [await clients.add(officials[0])];
    const other = await verifiedMunicipality(server);
    const need = await saveDocument(a.store, 'needs', freshNeed({ municipalityId: other.municipalityId }));
    await syncOnce(a);
    await waitFor(() => expect(writeStateOf(a.store, 'needs', need.id)).toBe('refused'));
    expect(a.store.refused.find('needs', need.id)?.code).toBe('not-your-municipality');
  });
});
