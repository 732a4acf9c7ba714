/**
 * Regression tests for the holes an outside review found in the rules (issue 8, items 2–5), each
 * tested for its whole class against the real server on the real embedded store:
 * - a `_deleted` that is not the boolean `true` deletes nothing, in every collection;
 * - status moves on push follow the closure of the transition table; a published need never goes
 *   back to a draft (and so cannot then be deleted); unadmitted members leave published work alone;
 * - a server route judges before it acts (member removal revokes nobody's sessions unless allowed);
 * - every id from a URL or a push row is checked against the id pattern before the store is asked;
 * - values the schemas let through (invisible titles, year 0000, 5e-324 of something) are refused (item 13).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName, type DocumentOf } from '../../domain/collections';
import type { Need } from '../../domain/schemas/index';
import type { PushResponse, PushRow } from '../../domain/sync-protocol';
import { freshNeed, makeId, makeOffer } from '../support/factories';
import type { Answer } from './support/accounts';
import { addMember, api, moderatorOf, pendingMunicipality, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
/** A verified municipality's coordinator, one admitted official, one invited but not admitted. */
let coordinator: TestMember;
let official: TestMember;
let newcomer: TestMember;
/** Another verified municipality's coordinator, and a pending municipality's applicant. */
let otherCoordinator: TestMember;
let applicant: TestMember;
let moderator: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  moderator = await moderatorOf(server);
  coordinator = await verifiedMunicipality(server);
  official = await addMember(server, coordinator);
  newcomer = await addMember(server, coordinator, { verify: false });
  otherCoordinator = await verifiedMunicipality(server);
  applicant = await pendingMunicipality(server);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function push(member: TestMember, collection: string, rows: unknown[]): Promise<Answer<PushResponse>> {
  return member.browser.request<PushResponse>('POST', `/api/sync/${collection}/push`, rows);
}

async function stored<C extends CollectionName>(member: TestMember, collection: C, id: string): Promise<DocumentOf[C] | undefined> {
  let checkpoint = '';
  for (;;) {
    const answer = await member.browser.request<{ documents: (DocumentOf[C] & { _deleted?: boolean })[]; checkpoint: { seq: string } }>(
      'GET',
      `/api/sync/${collection}/pull?limit=500&checkpoint=${encodeURIComponent(checkpoint)}`,
    );
    expect(answer.status).toBe(200);
    const found = answer.body.documents.filter((doc) => doc.id === id).at(-1);
    if (found) return found._deleted ? undefined : found;
    if (answer.body.documents.length < 500) return undefined;
    checkpoint = answer.body.checkpoint.seq;
  }
}

/** Writes `doc` as `member` (a create) and answers it as the server holds it. */
async function created<C extends CollectionName>(member: TestMember, collection: C, doc: DocumentOf[C]): Promise<DocumentOf[C]> {
  const answer = await push(member, collection, [{ newDocumentState: doc }]);
  expect(answer.body, JSON.stringify(answer.body)).toEqual({ conflicts: [], refused: [] });
  return (await stored(member, collection, doc.id))!;
}

function openNeedOf(member: TestMember, overrides: Partial<Need> = {}): Need {
  return freshNeed({ municipalityId: member.municipalityId, status: 'open', ...overrides });
}

describe('a _deleted that is not the boolean true deletes nothing', () => {
  const TRUTHY_NOT_TRUE = ['true', 1, 'yes', {}, [true]];

  it.each(TRUTHY_NOT_TRUE)('an open need pushed with _deleted %j is refused and stays', async (value) => {
    const need = await created(coordinator, 'needs', openNeedOf(coordinator));
    const answer = await push(coordinator, 'needs', [{ assumedMasterState: need, newDocumentState: { ...need, _deleted: value, updatedAt: need.updatedAt + 1 } }]);
    expect(answer.status).toBe(200);
    expect(answer.body.refused).toEqual([expect.objectContaining({ id: need.id, code: 'invalid-document', details: [expect.objectContaining({ field: '_deleted' })] })]);
    expect(await stored(coordinator, 'needs', need.id)).toMatchObject({ id: need.id, status: 'open' });
  });

  it('an offer and one’s own verified municipality cannot be deleted with "true" either', async () => {
    const offer = await created(coordinator, 'offers', { ...makeOffer({ id: makeId(), municipalityId: coordinator.municipalityId }), updatedAt: Date.now() });
    const municipality = (await stored(coordinator, 'municipalities', coordinator.municipalityId))!;
    for (const [collection, doc] of [['offers', offer], ['municipalities', municipality]] as const) {
      const answer = await push(coordinator, collection, [{ assumedMasterState: doc, newDocumentState: { ...doc, _deleted: 'true' } }]);
      expect(answer.body.refused).toEqual([expect.objectContaining({ code: 'invalid-document' })]);
      expect(await stored(coordinator, collection, doc.id)).toBeDefined();
    }
  });

  it.each(COLLECTION_NAMES)('%s: a non-boolean _deleted is refused before the store is asked, even for a new id', async (collection) => {
    const answer = await push(coordinator, collection, [{ newDocumentState: { id: makeId(), _deleted: 'true' } }]);
    expect(answer.status).toBe(200);
    expect(answer.body.refused).toEqual([expect.objectContaining({ code: 'invalid-document', details: [expect.objectContaining({ field: '_deleted' })] })]);
  });

  it('the rest of the batch is written', async () => {
    const good = openNeedOf(coordinator);
    const answer = await push(coordinator, 'needs', [{ newDocumentState: { ...openNeedOf(coordinator), _deleted: 1 } }, { newDocumentState: good }]);
    expect(answer.body.refused).toHaveLength(1);
    expect(await stored(coordinator, 'needs', good.id)).toMatchObject({ id: good.id });
  });
});

describe('values the schemas used to let through are refused by the server', () => {
  it.each([
    ['a title of zero-width characters', { title: '\u200B\u200B\u200B\u200B' }, 'title'],
    ['a title of spaces', { title: '     ' }, 'title'],
    ['neededBy 0000-01-01', { neededBy: '0000-01-01' }, 'neededBy'],
    ['neededBy 9999-12-31', { neededBy: '9999-12-31' }, 'neededBy'],
    ['quantity 5e-324', { quantity: 5e-324 }, 'quantity'],
    ['2.5 pallets', { quantity: 2.5, unit: 'pallets' }, 'quantity'],
    ['a settlement of a zero-width joiner', { place: { settlement: '\u200D' } }, 'place.settlement'],
  ] as const)('%s', async (_what, change, field) => {
    const need = { ...openNeedOf(coordinator), ...change };
    const answer = await push(coordinator, 'needs', [{ newDocumentState: need }]);
    expect(answer.body.refused.map(({ id, code }) => ({ id, code }))).toEqual([{ id: need.id, code: 'invalid-document' }]);
    expect((answer.body.refused[0]?.details as { field: string }[]).map((error) => error.field)).toContain(field);
    expect(await stored(coordinator, 'needs', need.id)).toBeUndefined();
  });
});

describe('status moves on push follow the transition table’s closure', () => {
  it('open → draft is refused, so the need cannot then be deleted (the review’s sequence)', async () => {
    const need = await created(coordinator, 'needs', openNeedOf(coordinator));
    const toDraft = { ...need, status: 'draft' as const, updatedAt: need.updatedAt + 1 };
    expect((await push(coordinator, 'needs', [{ assumedMasterState: need, newDocumentState: toDraft }])).body.refused).toEqual([
      expect.objectContaining({ id: need.id, code: 'status-not-reachable' }),
    ]);
    expect((await push(coordinator, 'needs', [{ assumedMasterState: need, newDocumentState: { ...need, _deleted: true } }])).body.refused).toEqual([
      expect.objectContaining({ id: need.id, code: 'not-deletable' }),
    ]);
    expect(await stored(coordinator, 'needs', need.id)).toMatchObject({ status: 'open' });
  });

  it.each(['closed', 'withdrawn', 'fulfilled'] as const)('a %s need cannot become a draft either', async (status) => {
    const need = await created(coordinator, 'needs', openNeedOf(coordinator, { status }));
    const answer = await push(official, 'needs', [{ assumedMasterState: need, newDocumentState: { ...need, status: 'draft', updatedAt: need.updatedAt + 1 } }]);
    expect(answer.body.refused).toEqual([expect.objectContaining({ code: 'status-not-reachable' })]);
  });

  it('several moves made offline arrive as one push and are accepted (open ⇒ fulfilled ⇒ closed)', async () => {
    const need = await created(coordinator, 'needs', openNeedOf(coordinator));
    const answer = await push(official, 'needs', [{ assumedMasterState: need, newDocumentState: { ...need, status: 'closed', updatedAt: need.updatedAt + 1 } }]);
    expect(answer.body).toEqual({ conflicts: [], refused: [] });
    expect(await stored(coordinator, 'needs', need.id)).toMatchObject({ status: 'closed' });
  });

  it('a draft is still deleted by its municipality', async () => {
    const draft = await created(coordinator, 'needs', openNeedOf(coordinator, { status: 'draft' }));
    expect((await push(official, 'needs', [{ assumedMasterState: draft, newDocumentState: { ...draft, _deleted: true } }])).body).toEqual({ conflicts: [], refused: [] });
    expect(await stored(coordinator, 'needs', draft.id)).toBeUndefined();
  });
});

describe('a member invited but not admitted leaves published work alone', () => {
  it.each([
    ['take it back to a draft', { status: 'draft' }],
    ['edit it', { urgency: 'critical' }],
    ['withdraw it', { status: 'withdrawn' }],
    ['delete it', { _deleted: true }],
  ] as const)('may not %s', async (_what, change) => {
    const need = await created(coordinator, 'needs', openNeedOf(coordinator));
    const answer = await push(newcomer, 'needs', [{ assumedMasterState: need, newDocumentState: { ...need, ...change, updatedAt: need.updatedAt + 1 } }]);
    expect(answer.body.refused).toEqual([expect.objectContaining({ id: need.id, code: 'not-verified' })]);
    expect(await stored(coordinator, 'needs', need.id)).toMatchObject({ status: 'open', urgency: need.urgency });
  });

  it('may still prepare and delete drafts', async () => {
    const draft = openNeedOf(newcomer, { status: 'draft' });
    expect((await push(newcomer, 'needs', [{ newDocumentState: draft }])).body).toEqual({ conflicts: [], refused: [] });
    const saved = (await stored(coordinator, 'needs', draft.id))!;
    expect((await push(newcomer, 'needs', [{ assumedMasterState: saved, newDocumentState: { ...saved, _deleted: true } }])).body).toEqual({ conflicts: [], refused: [] });
  });
});

describe('POST /api/members/:id/remove judges before it acts', () => {
  async function removedMemberOf(owner: TestMember): Promise<TestMember> {
    const member = await addMember(server, owner);
    expect((await owner.browser.request('POST', `/api/members/${member.id}/remove`)).status).toBe(200);
    return member;
  }

  it('another municipality’s already removed member: 404 for a pending applicant, and their sessions stay', async () => {
    const removed = await removedMemberOf(otherCoordinator);
    // Removal revoked their sessions; a removed member may sign in again to read why.
    expect((await removed.browser.login(removed.email)).status).toBe(200);
    expect((await removed.browser.me()).status).toBe(200);
    const answer = await applicant.browser.request('POST', `/api/members/${removed.id}/remove`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not-found');
    expect(answer.body).not.toHaveProperty('member');
    expect((await removed.browser.me()).status).toBe(200);
  });

  it('another municipality’s active member: the same 404 as an unknown id, and nothing changes', async () => {
    const foreign = await addMember(server, otherCoordinator);
    const unknown = await coordinator.browser.request('POST', `/api/members/${makeId()}/remove`);
    const answer = await coordinator.browser.request('POST', `/api/members/${foreign.id}/remove`);
    expect([answer.status, answer.body.error.code]).toEqual([unknown.status, unknown.body.error.code]);
    expect(answer.status).toBe(404);
    expect((await foreign.browser.me()).body.member.status).toBe('active');
  });

  it('an official (not a coordinator) of the same municipality: 403, even on an already removed colleague', async () => {
    const removed = await removedMemberOf(coordinator);
    const answer = await official.browser.request('POST', `/api/members/${removed.id}/remove`);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('coordinator-only');
  });

  it('the coordinator removes their member, and removing again is still allowed (sessions cleaned up)', async () => {
    const member = await addMember(server, coordinator);
    expect((await coordinator.browser.request('POST', `/api/members/${member.id}/remove`)).status).toBe(200);
    expect((await member.browser.me()).status).toBe(401);
    expect((await coordinator.browser.request('POST', `/api/members/${member.id}/remove`)).status).toBe(200);
  });
});

/** Ids a URL or a body may carry that must never reach the store as a document name. */
const HOSTILE_IDS = [
  '_design%2F..%2F..%2Fc4c_accounts%2Fsome-account-id',
  '_all_docs',
  '_changes',
  '_design%2Fx',
  '_local%2Fx',
  '_bulk_docs',
  '..',
  '%2E%2E',
  'short',
  'a'.repeat(65),
  '%00abcdefgh',
  'abc%20defghij',
  'абвгдежзий',
];

/** Every route with an id in its path, and who may call it. */
const ID_ROUTES: { route: string; as: () => TestMember; body?: object; unknown?: { status: number; code: string } }[] = [
  { route: 'POST /api/members/:id/remove', as: () => coordinator },
  // Bytes for a photo whose metadata has not synced yet: the phone retries after its next push.
  { route: 'PUT /api/photos/:id', as: () => coordinator, unknown: { status: 409, code: 'photo-metadata-missing' } },
  { route: 'GET /api/photos/:id', as: () => coordinator },
  { route: 'POST /api/moderation/municipalities/:id/verify', as: () => moderator },
  { route: 'POST /api/moderation/municipalities/:id/reject', as: () => moderator, body: { reason: 'Not a municipality' } },
  { route: 'POST /api/moderation/members/:id/verify', as: () => moderator },
  { route: 'POST /api/moderation/members/:id/reject', as: () => moderator, body: { reason: 'Not a member' } },
];

describe('ids from URLs are checked before the store is asked', () => {
  it('the table lists every route with a path parameter (read from the route files)', () => {
    const dir = path.join(import.meta.dirname, '../../sync-server/routes');
    const mounts: Record<string, string> = { 'members.ts': '/api/members', 'moderation.ts': '/api/moderation', 'photos.ts': '/api/photos', 'sync.ts': '/api/sync' };
    const found = fs.readdirSync(dir).flatMap((file) =>
      [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/router\.(get|post|put|patch|delete)\('([^']*:[^']*)'/g)].map(
        ([, method, route]) => `${method!.toUpperCase()} ${mounts[file] ?? `?${file}`}${route}`,
      ),
    );
    // :collection is checked against the list of collections (404 unknown-collection), not the id pattern.
    expect(found.filter((route) => !route.includes(':collection')).sort()).toEqual(ID_ROUTES.map(({ route }) => route).sort());
  });

  it.each(ID_ROUTES.flatMap(({ route, as, body }) => HOSTILE_IDS.map((id) => [route, id, as, body] as const)))('%s with id %s → 400 or 404, JSON, never 500', async (route, id, as, body) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const answer = await as().browser.request(method, pattern.replace(':id', id), body);
    expect([400, 404]).toContain(answer.status);
    expect(typeof answer.body.error.code).toBe('string');
    expect(answer.body.error.message).toMatch(/\w/);
  });

  it('a well-formed but unknown id is 404 on every route (409 where the route says "not synced yet")', async () => {
    for (const { route, as, body, unknown } of ID_ROUTES) {
      const [method, pattern] = route.split(' ') as [string, string];
      const answer = await as().browser.request(method, pattern.replace(':id', makeId()), body);
      expect(answer.status, route).toBe(unknown?.status ?? 404);
      if (unknown) expect(answer.body.error.code, route).toBe(unknown.code);
    }
  });

  it.each(['_design/x', '_all_docs', '_local/checkpoint', '_design/../../c4c_accounts/x', 'short'])('a push row with id %s is refused, not read', async (id) => {
    for (const collection of COLLECTION_NAMES) {
      const answer = await push(coordinator, collection, [{ newDocumentState: { id, updatedAt: 1 } } satisfies PushRow]);
      expect(answer.status, collection).toBe(200);
      expect(answer.body.refused, collection).toEqual([expect.objectContaining({ id, code: 'invalid-document', details: [expect.objectContaining({ field: 'id' })] })]);
    }
  });

  it('the server is still up and the accounts database was never read through a route', async () => {
    const health = await api(server, '/healthz');
    expect(health.status).toBe(200);
  });
});
