/**
 * Municipality profiles edited concurrently (issue 13, schema v1 with per-field stamps), on the real
 * sync server and store with the app's own phones (RxDB, saveDocument, replication):
 * - two coordinators of one municipality edit different fields of its profile offline, then sync:
 *   both edits reach both phones and the server, and nothing is refused;
 * - a coordinator edits the profile offline while a moderator verifies the municipality through
 *   the moderation route: the verification and the edit both stay;
 * - the rollout window: a push from a build at version 0 (no stamps) is migrated and accepted, and
 *   the server stamps the fields it changed; version 2 is refused;
 * - registration and moderation write valid version 1 documents (no stamps claimed at registration).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import { MUNICIPALITY_SCHEMA } from '../../domain/schemas/municipality';
import type { PushResponse } from '../../domain/sync-protocol';
import { validateDocument } from '../../domain/validation';
import { LVIV, MUNICH } from '../support/factories';
import { Browser, refreshed, registration, type Profile } from './support/accounts';
import {
  addMember,
  api,
  ClientPool,
  expectSameState,
  moderatorOf,
  pendingMunicipality,
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
const phone = (member: TestMember) => clients.add(member, ['municipalities']);

/**
 * A second coordinator of `coordinator`'s municipality: invitations admit officials only, so an
 * official is invited, admitted by the moderator, and made coordinator by the first one (a member
 * document change through sync, as the members screen makes it).
 */
async function secondCoordinator(coordinator: TestMember): Promise<TestMember> {
  const official = await addMember(server, coordinator, { displayName: 'Ірина Мельник' });
  const { body } = await api<{ documents: Member[] }>(server, '/api/sync/members/pull?limit=500', {}, coordinator);
  const stored = body.documents.find((doc) => doc.id === official.id);
  if (!stored) throw new Error('the new official is not among the members');
  const { meta: _serverSet, ...content } = stored;
  const promoted = { ...content, role: 'coordinator', updatedAt: stored.updatedAt + 1 };
  const answer = await api<PushResponse>(server, '/api/sync/members/push', { method: 'POST', body: JSON.stringify([{ assumedMasterState: stored, newDocumentState: promoted }]) }, coordinator);
  expect(answer.body).toEqual({ conflicts: [], refused: [] });
  const member = await refreshed(official);
  expect(member.profile.actor).toMatchObject({ role: 'coordinator', memberStatus: 'active' });
  return member;
}

async function held(client: TestClient, id: string): Promise<Municipality> {
  const doc = await client.store.db.municipalities.findOne(id).exec();
  if (!doc) throw new Error(`${client.name} does not hold municipality ${id}`);
  return doc.toMutableJSON();
}

/** The phone's edit as the profile form saves it: the held copy with some fields changed. */
async function editOn(client: TestClient, id: string, change: (doc: Municipality) => Partial<Municipality>): Promise<Municipality> {
  const { updatedAt: _stamp, ...current } = await held(client, id);
  return saveDocument(client.store, 'municipalities', { ...current, ...change(await held(client, id)) });
}

async function onServer(member: TestMember, id: string): Promise<Municipality> {
  const { body } = await api<{ documents: Municipality[] }>(server, '/api/sync/municipalities/pull?limit=500', {}, member);
  const found = body.documents.find((doc) => doc.id === id);
  if (!found) throw new Error(`the server does not give ${member.email} municipality ${id}`);
  return found;
}

/** The document as its schema sees it: without server-set meta and the store's deletion flag. */
function withoutStoreFields(doc: Municipality): Record<string, unknown> {
  const { meta: _meta, _deleted: _flag, ...content } = doc as Municipality & { _deleted?: boolean };
  return content;
}

const push = async (member: TestMember, rows: unknown[]) =>
  (await api<PushResponse>(server, '/api/sync/municipalities/push', { method: 'POST', body: JSON.stringify(rows) }, member)).body;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await clients.closeAll();
});

afterAll(async () => {
  await server?.stop();
});

describe('two coordinators editing one municipality profile offline', () => {
  it('keep both edits when they edited different fields, on both phones and the server', async () => {
    const first = await verifiedMunicipality(server);
    const second = await secondCoordinator(first);
    const id = first.municipalityId;
    const [a, b] = [await phone(first), await phone(second)];
    await syncAll(a, b);
    a.network.goOffline();
    b.network.goOffline();

    await editOn(a, id, () => ({ population: 812_000, languages: ['uk', 'pl'] }));
    // B's edit is the later one: before field stamps its whole document won the merge.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editOn(b, id, () => ({ partnerIds: [MUNICH, LVIV], profile: 'Громада шукає партнерів для водоканалу.', profileLanguage: 'uk' }));

    await syncOnce(a);
    await syncOnce(b);
    await syncAll(a, b);
    await expectSameState(a, b);

    const expected = { population: 812_000, languages: ['uk', 'pl'], partnerIds: [MUNICH, LVIV], profile: 'Громада шукає партнерів для водоканалу.', profileLanguage: 'uk' };
    expect(await held(a, id)).toMatchObject(expected);
    const stored = await onServer(first, id);
    expect(stored).toMatchObject(expected);
    expect(Object.keys(stored.fieldStamps ?? {}).sort()).toEqual(['languages', 'partnerIds', 'population', 'profile', 'profileLanguage', 'verification']);
    expect(validateDocument(MUNICIPALITY_SCHEMA, withoutStoreFields(stored))).toEqual([]);
    expect([a.store.refused.list(), b.store.refused.list()]).toEqual([[], []]);
  });

  it('both changed the same field: the later edit wins on every phone and the server', async () => {
    const first = await verifiedMunicipality(server);
    const second = await secondCoordinator(first);
    const id = first.municipalityId;
    const [a, b] = [await phone(first), await phone(second)];
    await syncAll(a, b);
    a.network.goOffline();
    b.network.goOffline();
    await editOn(a, id, () => ({ population: 100 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editOn(b, id, () => ({ population: 200 }));
    // The earlier edit is pushed last: it still loses to the later one.
    await syncOnce(b);
    await syncOnce(a);
    await syncAll(a, b);
    await expectSameState(a, b);
    expect((await onServer(first, id)).population).toBe(200);
  });
});

describe('a coordinator’s offline profile edit and a moderator’s verification', () => {
  it('both stay: the moderator’s route and the phone changed different fields', async () => {
    const coordinator = await pendingMunicipality(server);
    const id = coordinator.municipalityId;
    const a = await phone(coordinator);
    await syncOnce(a);
    a.network.goOffline();
    await editOn(a, id, () => ({ profile: 'Заявка доповнена: адреса ради.', profileLanguage: 'uk', population: 15_400 }));

    const moderator = await moderatorOf(server);
    const verified = await moderator.browser.request<{ municipality: Municipality }>('POST', `/api/moderation/municipalities/${id}/verify`);
    expect(verified.status).toBe(200);
    // The route stamps the verification it set, past every stamp the profile held.
    expect(verified.body.municipality.fieldStamps?.verification).toBe(verified.body.municipality.updatedAt);
    expect(validateDocument(MUNICIPALITY_SCHEMA, withoutStoreFields(verified.body.municipality))).toEqual([]);

    await syncOnce(a);
    await waitFor(async () => expect(await held(a, id)).toMatchObject({ verification: { status: 'verified' }, profile: 'Заявка доповнена: адреса ради.', population: 15_400 }));
    expect(await onServer(coordinator, id)).toMatchObject({ verification: { status: 'verified' }, profile: 'Заявка доповнена: адреса ради.', population: 15_400 });
    expect(a.store.refused.list()).toEqual([]);
  });

  it('a moderator correcting a name from their own phone and a coordinator editing the profile, both offline: both kept', async () => {
    const coordinator = await verifiedMunicipality(server);
    const id = coordinator.municipalityId;
    const [a, m] = [await phone(coordinator), await phone(await moderatorOf(server))];
    await syncAll(a, m);
    a.network.goOffline();
    m.network.goOffline();
    await editOn(a, id, () => ({ languages: ['uk', 'en', 'de'], kind: 'hromada' }));
    await editOn(m, id, (doc) => ({ nameLatin: `${doc.nameLatin} (corrected)`, location: { lat: 49.84, lon: 24.03 } }));
    await syncOnce(m);
    await syncOnce(a);
    await syncAll(a, m);
    await expectSameState(a, m);
    expect(await onServer(coordinator, id)).toMatchObject({ languages: ['uk', 'en', 'de'], kind: 'hromada', nameLatin: expect.stringMatching(/\(corrected\)$/) as unknown, location: { lat: 49.84, lon: 24.03 } });
    expect([a.store.refused.list(), m.store.refused.list()]).toEqual([[], []]);
  });
});

describe('the rollout window: a push from a build at version 0 of municipalities', () => {
  it('is migrated and accepted, and the server stamps the fields it changed, keeping the stored stamps of the rest', async () => {
    const coordinator = await verifiedMunicipality(server);
    const id = coordinator.municipalityId;
    const stamped = await onServer(coordinator, id);
    // The moderator's verification is the stored document's one stamp.
    expect(Object.keys(stamped.fieldStamps ?? {})).toEqual(['verification']);
    const { meta: _serverSet, ...pulled } = stamped;
    const edited = { ...pulled, population: 44_000, updatedAt: stamped.updatedAt + 1_000 };
    expect(await push(coordinator, [{ assumedMasterState: stamped, newDocumentState: edited, schemaVersion: 0 }])).toEqual({ conflicts: [], refused: [] });
    const after = await onServer(coordinator, id);
    expect(after.population).toBe(44_000);
    expect(after.fieldStamps).toEqual({ verification: stamped.fieldStamps?.verification, population: stamped.updatedAt + 1_000 });
  });

  it('is accepted without any stamps at all (what a version 0 phone holds), and version 2 is refused', async () => {
    const coordinator = await verifiedMunicipality(server);
    const id = coordinator.municipalityId;
    const stored = await onServer(coordinator, id);
    const { meta: _serverSet, fieldStamps: _unknownToV0, ...v0Assumed } = stored;
    const v0Edit = { ...v0Assumed, kind: 'hromada' as const, updatedAt: stored.updatedAt + 500 };
    const tooNew = await push(coordinator, [{ assumedMasterState: stored, newDocumentState: v0Edit, schemaVersion: 2 }]);
    expect(tooNew.refused).toEqual([expect.objectContaining({ id, code: 'invalid-document', message: expect.stringMatching(/update the app/) as unknown })]);
    // A version 0 phone never had the stamps: its assumed state has none, and the comparison ignores them only as far as the values go.
    const answer = await push(coordinator, [{ assumedMasterState: stored, newDocumentState: v0Edit, schemaVersion: 0 }]);
    expect(answer).toEqual({ conflicts: [], refused: [] });
    const after = await onServer(coordinator, id);
    expect(after).toMatchObject({ kind: 'hromada', fieldStamps: { verification: stored.fieldStamps?.verification, kind: stored.updatedAt + 500 } });
  });
});

describe('registration writes a valid version 1 municipality', () => {
  it('without stamps, even when the application claims some', async () => {
    const browser = new Browser(() => server.url);
    const body = registration({ municipality: { fieldStamps: { verification: 9_999_999_999_999, population: 9_999_999_999_999 } } });
    const answer = await browser.request<Profile>('POST', '/api/auth/register', body);
    expect(answer.status).toBe(201);
    const municipality = answer.body.municipality!;
    expect(municipality).not.toHaveProperty('fieldStamps');
    expect(validateDocument(MUNICIPALITY_SCHEMA, withoutStoreFields(municipality))).toEqual([]);
    // The moderator's decision then stamps normally (a claimed far-future stamp would have made it invalid).
    const moderator = await moderatorOf(server);
    const verified = await moderator.browser.request<{ municipality: Municipality }>('POST', `/api/moderation/municipalities/${municipality.id}/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body.municipality.fieldStamps).toEqual({ verification: verified.body.municipality.updatedAt });
  });
});
