/**
 * Issue 13, "nothing is ever lost": the crash campaign (seed 578467062) ended with a need whose
 * urgency was an older value of the only phone that edits urgency, on every phone and in the store.
 * A write of one field is built from the copy a screen (or the campaign's workload) read a moment
 * earlier; when a pull brought another phone's edit of a different field in between, the phone
 * stamped the older value that copy still held as its own change, with the newest stamp, and the
 * other phone's edit was undone everywhere. Here on two phones of one municipality with the real
 * server and store: phone 2 owns the urgency, phone 1 the title, and phone 1 saves its title edit
 * on the copy it showed before the pull.
 */
import { firstValueFrom as firstValue } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { PushRow } from '../../domain/sync-protocol';
import type { Need } from '../../domain/schemas/need';
import { freshNeed } from '../support/factories';
import {
  addMember,
  api,
  ClientPool,
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
let officials: [TestMember, TestMember];
const clients = new ClientPool(() => server);
const phone = (member: TestMember) => clients.add(member);

async function needOn(client: TestClient, id: string): Promise<Need> {
  const found = (await client.store.db.needs.findOne(id).exec())?.toMutableJSON();
  if (!found) throw new Error(`${id} is not on ${client.name}`);
  return found;
}

async function needOnServer(id: string): Promise<Need> {
  const pulled = await api<{ documents: Need[] }>(server, '/api/sync/needs/pull?limit=500', {}, officials[0]);
  const found = pulled.body.documents.find((doc) => doc.id === id);
  if (!found) throw new Error(`${id} is not on the server`);
  return found;
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

/**
 * Phone 1 shows the need (after `before` ran), phone 2 changes its urgency and the pull brings
 * that to phone 1, then phone 1 saves a title edit built from the copy it showed.
 */
async function titleEditOnCopyFromBeforeThePull(before: (one: TestClient, two: TestClient, id: string) => Promise<void>): Promise<{ id: string; one: TestClient; two: TestClient }> {
  const [one, two] = [await phone(officials[0]), await phone(officials[1])];
  const need = await saveDocument(one.store, 'needs', freshNeed({ municipalityId: officials[0].municipalityId, title: 'Generators', urgency: 'low' }));
  await syncAll(one, two);
  await before(one, two, need.id);
  const shown = await needOn(one, need.id);

  await saveDocument(two.store, 'needs', { ...(await needOn(two, need.id)), urgency: 'critical' });
  await syncOnce(two);
  await waitFor(async () => expect((await needOn(one, need.id)).urgency).toBe('critical'));

  await saveDocument(one.store, 'needs', { ...shown, title: 'Generators, 5 kW' });
  await syncAll(one, two);
  return { id: need.id, one, two };
}

describe('lost one-sided edit (crash campaign seed 578467062): a write built from a copy older than the stored one', () => {
  it('keeps the other phone’s later urgency where the copy carried field stamps', async () => {
    const { id, one, two } = await titleEditOnCopyFromBeforeThePull(async (_one, two, needId) => {
      // Both phones hold stamps for the need: the copy phone 1 shows carries them.
      await saveDocument(two.store, 'needs', { ...(await needOn(two, needId)), urgency: 'high' });
      await syncAll(two, _one);
      expect((await needOn(_one, needId)).fieldStamps?.urgency).toBeGreaterThan(0);
    });
    for (const doc of [await needOnServer(id), await needOn(one, id), await needOn(two, id)]) {
      expect({ urgency: doc.urgency, title: doc.title }).toEqual({ urgency: 'critical', title: 'Generators, 5 kW' });
    }
  });

  it('keeps the other phone’s later urgency where the copy was never edited (no stamps, only its updatedAt)', async () => {
    const { id, one, two } = await titleEditOnCopyFromBeforeThePull(async (one, _two, needId) => {
      expect((await needOn(one, needId)).fieldStamps).toBeUndefined();
    });
    for (const doc of [await needOnServer(id), await needOn(one, id), await needOn(two, id)]) {
      expect({ urgency: doc.urgency, title: doc.title }).toEqual({ urgency: 'critical', title: 'Generators, 5 kW' });
    }
  });

  it('still writes every field of a copy that is not older than the stored one', async () => {
    const [one, two] = [await phone(officials[0]), await phone(officials[1])];
    const need = await saveDocument(one.store, 'needs', freshNeed({ municipalityId: officials[0].municipalityId, title: 'Tents', urgency: 'low' }));
    await syncAll(one, two);
    await saveDocument(one.store, 'needs', { ...(await needOn(one, need.id)), title: 'Tents, 4 persons', urgency: 'high' });
    await syncAll(one, two);
    for (const doc of [await needOnServer(need.id), await needOn(two, need.id)]) {
      expect({ urgency: doc.urgency, title: doc.title }).toEqual({ urgency: 'high', title: 'Tents, 4 persons' });
    }
  });
});

const urlOf = (input: RequestInfo | URL): string => (input instanceof Request ? input.url : input.toString());

/** A fetch wrapper that keeps every row the phone pushes (bodies sent plain: `gzipPush: false`). */
function recordingPushRows(rows: PushRow[]): (inner: typeof fetch) => typeof fetch {
  return (inner) => async (input, init) => {
    if (urlOf(input).includes('/push') && typeof init?.body === 'string') rows.push(...(JSON.parse(init.body) as PushRow[]));
    return inner(input, init);
  };
}

describe('lost one-sided edit and a revision written twice (link-fault campaign, seeds 1511989267, 293098158): the merge pushed after a failed push', () => {
  it('keeps the stamps the phone gave its edits, and every row the phone pushes says its schema version', async () => {
    const rows: PushRow[] = [];
    const two = await clients.add(officials[1], ['needs'], { gzipPush: false, wrapFetch: recordingPushRows(rows) });
    const one = await phone(officials[0]);
    const need = await saveDocument(one.store, 'needs', freshNeed({ municipalityId: officials[0].municipalityId, title: 'Generators', urgency: 'low' }));
    await syncAll(one, two);

    // Phone 2's push of its urgency edit fails before it reaches the server: it is pushed again later.
    two.network.goOffline();
    const edited = await saveDocument(two.store, 'needs', { ...(await needOn(two, need.id)), urgency: 'critical' });
    await waitFor(async () => expect((await firstValue(two.engine.status$)).collections?.needs?.lastError).toBeTruthy());
    // Phone 1's title edit, stamped later, reaches the server first: phone 2's retry meets a conflict.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const titled = await saveDocument(one.store, 'needs', { ...(await needOn(one, need.id)), title: 'Generators, 5 kW' });
    expect(titled.updatedAt).toBeGreaterThan(edited.fieldStamps!.urgency!);
    await syncOnce(one);
    await syncOnce(two);
    await syncAll(one, two);

    const stored = await needOnServer(need.id);
    expect({ urgency: stored.urgency, title: stored.title }).toEqual({ urgency: 'critical', title: 'Generators, 5 kW' });
    // Before the fix the merge went without its version and the server stamped the urgency with
    // the merge's `updatedAt`, phone 1's later title stamp.
    expect(stored.fieldStamps?.urgency).toBe(edited.fieldStamps?.urgency);
    expect(stored.fieldStamps?.title).toBe(titled.fieldStamps?.title);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((row) => row.schemaVersion !== two.store.db.needs.schema.version)).toEqual([]);
  });
});

describe('phone left on its own older copy (link-fault campaign, seed 969650242): the merge pushed after a failed push', () => {
  it('becomes the phone’s copy at once, not only when a pull or the stream brings it', async () => {
    // Once the merge is pushed, nothing reaches phone 2 from the server: its copy can only come from the push.
    let deaf = false;
    const two = await clients.add(officials[1], ['needs'], {
      wrapFetch: (inner) => async (input, init) => {
        if (deaf && !urlOf(input).includes('/push')) throw new TypeError('Failed to fetch (the downlink is cut)');
        return inner(input, init);
      },
    });
    const one = await phone(officials[0]);
    const need = await saveDocument(one.store, 'needs', freshNeed({ municipalityId: officials[0].municipalityId, title: 'Water pumps', urgency: 'low' }));
    await syncAll(one, two);

    two.network.goOffline();
    await saveDocument(two.store, 'needs', { ...(await needOn(two, need.id)), urgency: 'high' });
    await waitFor(async () => expect((await firstValue(two.engine.status$)).collections?.needs?.lastError).toBeTruthy());
    await saveDocument(one.store, 'needs', { ...(await needOn(one, need.id)), title: 'Water pumps, 10 m³/h' });
    await syncOnce(one);

    deaf = true;
    two.network.online = true;
    two.engine.reSync();
    await waitFor(async () => expect(await needOn(two, need.id)).toMatchObject({ urgency: 'high', title: 'Water pumps, 10 m³/h' }));
    await waitFor(() => expect(two.store.outboxes.needs?.size).toBe(0));
    expect(await needOnServer(need.id)).toMatchObject({ urgency: 'high', title: 'Water pumps, 10 m³/h' });
    deaf = false;
  });
});
