/**
 * Who may sync what, over the real sync endpoints (raw HTTP, one shared server): every collection ×
 * every role × read (pull and the live stream) / create / update, with the expected outcome of each
 * written out in tables below (never computed with the rules they check), impersonation (IDOR)
 * attempts, attribution, and how the stream follows a subscriber whose rights change.
 *
 * The people: the pending coordinator of a pending municipality P; in verified municipality A its
 * coordinator, a verified official, a newcomer (pending official) and a removed member (rejected,
 * still signed in); a verified official of municipality B; a moderator. Municipality C, verified,
 * writes to A in a thread B is not part of. One describe per route, its 401 first, then its 403s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, COLLECTIONS, hasFieldStamps, type CollectionName } from '../../domain/collections';
import { stampChanges } from '../../domain/field-stamps';
import type { WireDocument } from '../../domain/documents';
import type { WriteRefusal } from '../../domain/permissions';
import { messageThreadId } from '../../domain/rules/message-thread';
import type { PullResponse, PushResponse, PushRow } from '../../domain/sync-protocol';
import {
  fresh,
  freshNeed,
  makeContact,
  makeEvent,
  makeMember,
  makeMessage,
  makeMunicipality,
  makeOffer,
  makePhoto,
  makePledge,
} from '../support/factories';
import { Browser, expectError, PASSWORD, type Answer } from './support/browser';
import { openStream, type StreamRecorder } from './support/stream';
import {
  addMember,
  moderatorOf,
  pendingMunicipality,
  startTestServer,
  verifiedMunicipality,
  waitFor,
  type TestMember,
  type TestServer,
} from './support/sync-harness';

/** Everyone who can be signed in, in the column order of the tables below. */
const READERS = ['pendingCoordinator', 'newcomer', 'official', 'coordinator', 'otherOfficial', 'moderator'] as const;
const WRITERS = [...READERS, 'removed'] as const;
type Reader = (typeof READERS)[number];
type Writer = (typeof WRITERS)[number];

const WHO: Record<Writer, string> = {
  pendingCoordinator: 'pending coordinator of pending P',
  newcomer: 'pending official of verified A',
  official: 'verified official of A',
  coordinator: 'verified coordinator of A',
  otherOfficial: 'verified official of B',
  moderator: 'moderator',
  removed: 'removed member of A',
};

let server: TestServer;
const people = {} as Record<Writer, TestMember>;
let coordinatorB: TestMember;
let coordinatorC: TestMember;
/** The streams of every reader, opened before the fixtures were written. */
const streams = {} as Record<Reader, StreamRecorder>;
const extraStreams: StreamRecorder[] = [];

/** The documents the read table is about, written by their rightful authors after the streams opened. */
type Fixture =
  | 'municipalityA'
  | 'municipalityP'
  | 'coordinatorA'
  | 'contactA'
  | 'contactP'
  | 'contactNewcomer'
  | 'needA'
  | 'draftA'
  | 'needP'
  | 'needB'
  | 'offerA'
  | 'pledgeB'
  | 'dispatchB'
  | 'messageBA'
  | 'messageCA'
  | 'photoA'
  | 'photoP';
const fixtures = {} as Record<Fixture, WireDocument>;

/** The latest state of every document written here, so an update is based on what the server holds. */
const latest = new Map<string, WireDocument>();

const A = () => people.coordinator.municipalityId;
const B = () => people.otherOfficial.municipalityId;
const C = () => coordinatorC.municipalityId;
const P = () => people.pendingCoordinator.municipalityId;

function wire<T extends object>(doc: T): WireDocument {
  const { meta: _meta, ...rest } = doc as T & { meta?: unknown };
  return { ...(rest as unknown as WireDocument), _deleted: false };
}

function push(member: TestMember | null, collection: string, rows: PushRow[], headers: Record<string, string> = {}): Promise<Answer<PushResponse>> {
  const browser = member?.browser;
  if (browser) return browser.request<PushResponse>('POST', `/api/sync/${collection}/push`, rows, headers);
  return fetch(`${server.url}/api/sync/${collection}/push`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(rows) }).then(
    async (response) => ({ status: response.status, body: (await response.json()) as Answer<PushResponse>['body'], setCookie: undefined }),
  );
}

type WriteOutcome = 'ok' | 'conflict' | WriteRefusal | 'invalid-document';

/**
 * Pushes one document over its latest state as `member`, as the app does: the fields it changed
 * stamped (app/db/local-store.ts) and the current schema version stated (the server stamps the
 * changes of a row without stamps itself, so the stored document would differ from what was sent);
 * answers 'ok' or why not (and remembers what was written).
 */
async function write(member: TestMember, collection: CollectionName, change: WireDocument): Promise<WriteOutcome> {
  const assumed = latest.get(change.id);
  const doc = hasFieldStamps(collection) && assumed ? stampChanges(assumed, change, change.updatedAt ?? 0).doc : change;
  const schemaVersion = COLLECTIONS[collection].schema.version;
  const answer = await push(member, collection, [{ assumedMasterState: assumed, newDocumentState: doc, schemaVersion }]);
  expect(answer.status).toBe(200);
  if (answer.body.conflicts.length > 0) return 'conflict';
  const refused = answer.body.refused[0];
  if (refused) return refused.code;
  latest.set(doc.id, doc);
  return 'ok';
}

/** Writes a document its author may write, and keeps it as a fixture. */
async function author(name: Fixture, member: TestMember, collection: CollectionName, doc: object): Promise<void> {
  const outcome = await write(member, collection, wire(doc));
  if (outcome !== 'ok') throw new Error(`fixture ${name}: ${outcome}`);
  fixtures[name] = latest.get((doc as WireDocument).id)!;
}

/** Changes a stored document (a new revision, so it passes through the streams). */
function touched(doc: WireDocument, change: Record<string, unknown>): WireDocument {
  return { ...doc, ...change, updatedAt: (doc.updatedAt ?? 0) + 1 };
}

function messageFrom(from: string, to: string, authorId: string, overrides: object = {}) {
  const subjectId = fixtures.needA.id;
  return fresh(makeMessage({ subjectId, fromMunicipalityId: from, toMunicipalityId: to, threadId: messageThreadId(subjectId, from, to), authorMemberId: authorId, ...overrides }));
}

async function writeFixtures(): Promise<void> {
  const { pendingCoordinator, official, coordinator, otherOfficial } = people;
  await author('municipalityA', coordinator, 'municipalities', touched(latest.get(A())!, { profile: 'Hromada A, verified.' }));
  await author('municipalityP', pendingCoordinator, 'municipalities', touched(latest.get(P())!, { profile: 'Hromada P, applying.' }));
  await author('coordinatorA', coordinator, 'members', touched(latest.get(coordinator.id)!, { displayName: 'Олена К.' }));
  await author('contactA', official, 'contacts', fresh(makeContact({ memberId: official.id })));
  await author('contactP', pendingCoordinator, 'contacts', fresh(makeContact({ memberId: pendingCoordinator.id })));
  await author('contactNewcomer', people.newcomer, 'contacts', fresh(makeContact({ memberId: people.newcomer.id })));
  await author('needA', official, 'needs', freshNeed({ municipalityId: A(), title: 'Open need of A' }));
  await author('draftA', official, 'needs', freshNeed({ municipalityId: A(), status: 'draft', title: 'Draft of A' }));
  await author('needP', pendingCoordinator, 'needs', freshNeed({ municipalityId: P(), title: 'Open need of pending P' }));
  await author('needB', otherOfficial, 'needs', freshNeed({ municipalityId: B(), title: 'Open need of B' }));
  await author('offerA', official, 'offers', fresh(makeOffer({ municipalityId: A() })));
  const pledge = fresh(makePledge({ needId: fixtures.needA.id, offerId: undefined, fromMunicipalityId: B(), toMunicipalityId: A(), quantity: 3 }));
  await author('pledgeB', otherOfficial, 'pledges', pledge);
  await author('dispatchB', otherOfficial, 'pledge_events', fresh(makeEvent('dispatched', { pledgeId: pledge.id, byMemberId: otherOfficial.id, byMunicipalityId: B() })));
  await author('messageBA', otherOfficial, 'messages', messageFrom(B(), A(), otherOfficial.id, { body: 'B writes to A' }));
  await author('messageCA', coordinatorC, 'messages', messageFrom(C(), A(), coordinatorC.id, { body: 'C writes to A' }));
  await author('photoA', official, 'photos', fresh(makePhoto({ ownerKind: 'need', ownerId: fixtures.needA.id })));
  await author('photoP', pendingCoordinator, 'photos', fresh(makePhoto({ ownerKind: 'need', ownerId: fixtures.needP.id })));
}

beforeAll(async () => {
  // Streams check their session often here, so a revoked session's stream ends within the test.
  server = await startTestServer(undefined, 0, { STREAM_SESSION_CHECK_MS: '200' });
  const moderator = await moderatorOf(server);
  const [pendingCoordinator, coordinator, otherCoordinator, thirdCoordinator] = await Promise.all([
    pendingMunicipality(server),
    verifiedMunicipality(server),
    verifiedMunicipality(server),
    verifiedMunicipality(server),
  ]);
  coordinatorB = otherCoordinator;
  coordinatorC = thirdCoordinator;
  const [official, newcomer, otherOfficial, rejected] = await Promise.all([
    addMember(server, coordinator, { displayName: 'Official of A' }),
    addMember(server, coordinator, { verify: false, displayName: 'Newcomer of A' }),
    addMember(server, coordinatorB, { displayName: 'Official of B' }),
    addMember(server, coordinator, { verify: false, displayName: 'Rejected from A' }),
  ]);
  const reject = await moderator.browser.request('POST', `/api/moderation/members/${rejected.id}/reject`, { reason: 'Not an official of A' });
  expect(reject.status).toBe(200);
  Object.assign(people, { pendingCoordinator, newcomer, official, coordinator, otherOfficial, moderator, removed: rejected });
  for (const member of [pendingCoordinator, newcomer, official, coordinator, otherOfficial]) {
    latest.set(member.id, wire(member.profile.member));
    if (member.profile.municipality) latest.set(member.municipalityId, wire(member.profile.municipality));
  }

  for (const reader of READERS) streams[reader] = await openStream(server, people[reader]);
  await writeFixtures();
});

afterAll(async () => {
  for (const stream of [...Object.values(streams), ...extraStreams]) stream.close();
  await server.stop();
});

// ---------------------------------------------------------------------------------------------
// Reads: which fixture each reader gets, by pull and by stream. Anonymous: 401; removed: 403.

type ReadRow = [label: string, collection: CollectionName, fixture: Fixture, expected: Record<Reader, boolean>];

function readers(pendingCoordinator: boolean, newcomer: boolean, official: boolean, coordinator: boolean, otherOfficial: boolean, moderator: boolean) {
  return { pendingCoordinator, newcomer, official, coordinator, otherOfficial, moderator };
}

/** fixture → whether it reaches: pending P, newcomer A, official A, coordinator A, official B, moderator. */
const READ_TABLE: ReadRow[] = [
  ['verified municipality A', 'municipalities', 'municipalityA', readers(false, true, true, true, true, true)],
  ['pending municipality P', 'municipalities', 'municipalityP', readers(true, false, false, false, false, true)],
  ['member: the coordinator of A', 'members', 'coordinatorA', readers(false, true, true, true, true, true)],
  ['contact of A’s official', 'contacts', 'contactA', readers(false, false, true, true, true, true)],
  ['contact of pending P’s applicant (not handed out before verification)', 'contacts', 'contactP', readers(true, false, false, false, false, true)],
  ['contact of A’s newcomer, not admitted yet', 'contacts', 'contactNewcomer', readers(false, true, false, false, false, true)],
  ['open need of A', 'needs', 'needA', readers(false, true, true, true, true, true)],
  ['draft need of A', 'needs', 'draftA', readers(false, true, true, true, false, true)],
  ['open need of pending P (a pending member’s need)', 'needs', 'needP', readers(true, false, false, false, false, true)],
  ['open offer of A', 'offers', 'offerA', readers(false, true, true, true, true, true)],
  ['pledge of B to A', 'pledges', 'pledgeB', readers(false, false, true, true, true, true)],
  ['pledge event: B dispatched', 'pledge_events', 'dispatchB', readers(false, false, true, true, true, true)],
  ['message B → A', 'messages', 'messageBA', readers(false, false, true, true, true, true)],
  ['message C → A (a thread B is not in)', 'messages', 'messageCA', readers(false, false, true, true, false, true)],
  ['photo of A’s open need', 'photos', 'photoA', readers(false, true, true, true, true, true)],
  ['photo of pending P’s need', 'photos', 'photoP', readers(true, false, false, false, false, true)],
];

const READ_CASES = READ_TABLE.flatMap(([label, collection, fixture, expected]) => READERS.map((reader) => [label, WHO[reader], reader, collection, fixture, expected[reader]] as const));

/** Everything `member` pulls of `collection` from the start, page by page (memoised per reader). */
const pulls = new Map<string, Promise<WireDocument[]>>();

async function pullEverything(member: TestMember, collection: CollectionName, limit = 100): Promise<WireDocument[]> {
  const documents: WireDocument[] = [];
  let checkpoint = '';
  for (;;) {
    const answer = await member.browser.request<PullResponse>('GET', `/api/sync/${collection}/pull?limit=${limit}&checkpoint=${encodeURIComponent(checkpoint)}`);
    expect(answer.status).toBe(200);
    documents.push(...answer.body.documents);
    checkpoint = answer.body.checkpoint.seq;
    if (answer.body.documents.length < limit) return documents;
  }
}

function pulled(reader: Reader, collection: CollectionName): Promise<WireDocument[]> {
  const key = `${reader}/${collection}`;
  if (!pulls.has(key)) pulls.set(key, pullEverything(people[reader], collection));
  return pulls.get(key)!;
}

describe('GET /api/sync/:collection/pull', () => {
  it.each(COLLECTION_NAMES)('%s: 401 not-signed-in without a session', async (collection) => {
    const answer = await fetch(`${server.url}/api/sync/${collection}/pull`);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not-signed-in');
  });

  it.each(COLLECTION_NAMES)('%s: 403 removed-member for a removed member who is still signed in', async (collection) => {
    expectError(await people.removed.browser.request('GET', `/api/sync/${collection}/pull`), 403, 'removed-member');
  });

  it.each(READ_CASES)('%s — %s: %s', async (_label, _who, reader, collection, fixture, expected) => {
    const ids = (await pulled(reader, collection)).map((doc) => doc.id);
    expect(ids.includes(fixtures[fixture].id)).toBe(expected);
  });

  it('keeps reading past what it filters until the batch is full, and the checkpoint moves past it all', async () => {
    const { pendingCoordinator } = people;
    // P's one need comes after A's needs in the feed (and before B's): a batch of 1 still finds it.
    const first = await pendingCoordinator.browser.request<PullResponse>('GET', '/api/sync/needs/pull?limit=1');
    expect(first.body.documents.map((doc) => doc.id)).toEqual([fixtures.needP.id]);
    const rest = await pendingCoordinator.browser.request<PullResponse>('GET', `/api/sync/needs/pull?limit=1&checkpoint=${encodeURIComponent(first.body.checkpoint.seq)}`);
    expect(rest.body.documents).toEqual([]);
    expect(rest.body.remaining).toBe(0);
  });

  it('IDOR: a pending member’s need is not visible to others, and a thread is read only by its two municipalities', async () => {
    for (const reader of ['official', 'otherOfficial'] as const) expect((await pulled(reader, 'needs')).map((doc) => doc.id)).not.toContain(fixtures.needP.id);
    expect((await pulled('otherOfficial', 'messages')).map((doc) => doc.id)).not.toContain(fixtures.messageCA.id);
    expect((await pulled('otherOfficial', 'needs')).map((doc) => doc.id)).not.toContain(fixtures.draftA.id);
  });
});

// ---------------------------------------------------------------------------------------------
// The live stream: the same table, as each reader's stream delivered the fixtures.

describe('GET /api/sync/stream', () => {
  beforeAll(async () => {
    // The moderator reads everything: once their stream has every fixture, the others' have had theirs.
    await waitFor(() => {
      for (const [, collection, fixture] of READ_TABLE) expect(streams.moderator.ids(collection).has(fixtures[fixture].id)).toBe(true);
    });
    await waitFor(() => {
      for (const [, collection, fixture, expected] of READ_TABLE) {
        for (const reader of READERS) if (expected[reader]) expect(streams[reader].ids(collection).has(fixtures[fixture].id)).toBe(true);
      }
    });
    // Anything a reader should not get would have come with the same hub events: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  it('401 not-signed-in without a session', async () => {
    const stream = await openStream(server, null);
    expect({ status: stream.status, body: stream.body }).toMatchObject({ status: 401, body: { error: { code: 'not-signed-in' } } });
  });

  it('403 removed-member for a removed member who is still signed in', async () => {
    const stream = await openStream(server, people.removed);
    expect({ status: stream.status, body: stream.body }).toMatchObject({ status: 403, body: { error: { code: 'removed-member' } } });
  });

  it.each(READ_CASES)('%s — %s: %s', (_label, _who, reader, collection, fixture, expected) => {
    expect(streams[reader].ids(collection).has(fixtures[fixture].id)).toBe(expected);
  });

  it('sends no event that filters down to nothing', () => {
    for (const reader of READERS) {
      for (const event of streams[reader].events) if ('documents' in event) expect(event.documents.length).toBeGreaterThan(0);
    }
    // P reads nothing of pledges, events and messages: not even an empty event of them.
    const seen = new Set(streams.pendingCoordinator.events.map((event) => event.collection));
    for (const collection of ['pledges', 'pledge_events', 'messages']) expect(seen.has(collection)).toBe(false);
  });

  it('sends RESYNC for every collection once the subscriber’s municipality is verified; the next pull then starts over', async () => {
    const applicant = await pendingMunicipality(server);
    const before = await applicant.browser.request<PullResponse>('GET', '/api/sync/needs/pull?limit=500');
    expect(before.body.documents.map((doc) => doc.id)).not.toContain(fixtures.needA.id);
    const stream = await openStream(server, applicant);
    extraStreams.push(stream);

    const verify = await people.moderator.browser.request('POST', `/api/moderation/municipalities/${applicant.municipalityId}/verify`);
    expect(verify.status).toBe(200);
    await waitFor(() => expect([...stream.resyncs()].sort()).toEqual([...COLLECTION_NAMES].sort()));
    expect(stream.ended).toBe(false);

    // A's need came before the applicant's checkpoint; with their new rights they get it now.
    const after = await applicant.browser.request<PullResponse>('GET', `/api/sync/needs/pull?limit=500&checkpoint=${encodeURIComponent(before.body.checkpoint.seq)}`);
    expect(after.body.documents.map((doc) => doc.id)).toContain(fixtures.needA.id);
  });

  it('ends the stream of a member who is removed', async () => {
    const member = await addMember(server, people.coordinator, { displayName: 'Leaving A' });
    const stream = await openStream(server, member);
    extraStreams.push(stream);
    expect(stream.status).toBe(200);
    const removal = await people.coordinator.browser.request('POST', `/api/members/${member.id}/remove`);
    expect(removal.status).toBe(200);
    await waitFor(() => expect(stream.ended).toBe(true));
  });

  it('hands out a newcomer’s contact once a moderator admits them, to readers whose checkpoint is past it', async () => {
    const newcomer = await addMember(server, people.coordinator, { verify: false, displayName: 'Contact later' });
    const contact = fresh(makeContact({ memberId: newcomer.id }));
    expect(await write(newcomer, 'contacts', wire(contact))).toBe('ok');
    const seenBefore = await pullEverything(people.otherOfficial, 'contacts', 500);
    expect(seenBefore.map((doc) => doc.id)).not.toContain(contact.id);
    const verify = await people.moderator.browser.request('POST', `/api/moderation/members/${newcomer.id}/verify`);
    expect(verify.status).toBe(200);
    await waitFor(() => expect(streams.otherOfficial.ids('contacts').has(contact.id)).toBe(true));
  });

  it('ends the stream of a session revoked elsewhere (the password changed after a phone was lost)', async () => {
    const member = await addMember(server, people.coordinator, { displayName: 'Lost phone' });
    const stream = await openStream(server, member);
    extraStreams.push(stream);
    expect(stream.status).toBe(200);
    const laptop = new Browser(() => server.url);
    expect((await laptop.login(member.email)).status).toBe(200);
    expect((await laptop.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' })).status).toBe(200);
    await waitFor(() => expect(stream.ended).toBe(true));
    expect((await openStream(server, member)).status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------
// Writes: a push by each role. Anonymous: 401; from another site: 403; the rest per row.

type WriteRow = [label: string, collection: CollectionName, doc: (me: TestMember) => WireDocument, expected: Record<Writer, WriteOutcome>];

function writers(
  pendingCoordinator: WriteOutcome,
  newcomer: WriteOutcome,
  official: WriteOutcome,
  coordinator: WriteOutcome,
  otherOfficial: WriteOutcome,
  moderator: WriteOutcome,
  removed: WriteOutcome,
) {
  return { pendingCoordinator, newcomer, official, coordinator, otherOfficial, moderator, removed };
}

let changes = 0;

/** A value no earlier change wrote, so every writer's update really changes something. */
function another(): number {
  changes += 1;
  return changes;
}

/** The latest state of a fixture (or member), changed (`change` may name people, so it can be a function). */
function update(id: () => string, change: Record<string, unknown> | (() => Record<string, unknown>)): () => WireDocument {
  return () => touched(latest.get(id())!, typeof change === 'function' ? change() : change);
}

const RM = 'removed-member';
const NYM = 'not-your-municipality';

/** document → outcome for: pending P, newcomer A, official A, coordinator A, official B, moderator, removed A. */
const CREATE_TABLE: WriteRow[] = [
  ['a municipality (claiming to be verified)', 'municipalities', () => wire(fresh(makeMunicipality())),
    writers('moderator-only', 'moderator-only', 'moderator-only', 'moderator-only', 'moderator-only', 'ok', RM)],
  ['a pending official of A', 'members', () => wire(fresh(makeMember({ municipalityId: A(), status: 'pending' }))),
    writers(NYM, 'coordinator-only', 'coordinator-only', 'ok', NYM, 'ok', RM)],
  ['one’s own contact', 'contacts', (me) => wire(fresh(makeContact({ memberId: me.id }))),
    writers('ok', 'ok', 'ok', 'ok', 'ok', 'ok', RM)],
  ['an open need of A', 'needs', () => wire(freshNeed({ municipalityId: A() })),
    writers(NYM, 'not-verified', 'ok', 'ok', NYM, NYM, RM)],
  ['an open offer of A', 'offers', () => wire(fresh(makeOffer({ municipalityId: A() }))),
    writers(NYM, 'not-verified', 'ok', 'ok', NYM, NYM, RM)],
  ['a pledge from one’s municipality to A’s need', 'pledges',
    (me) => wire(fresh(makePledge({ needId: fixtures.needA.id, offerId: undefined, fromMunicipalityId: me.municipalityId, toMunicipalityId: A() }))),
    writers('not-verified', 'not-verified', 'self-pledge', 'self-pledge', 'ok', 'not-verified', RM)],
  ['a receipt of B’s pledge, as oneself', 'pledge_events',
    (me) => wire(fresh(makeEvent('received', { pledgeId: fixtures.pledgeB.id, quantity: 1, byMemberId: me.id, byMunicipalityId: me.municipalityId }))),
    writers('not-verified', 'not-verified', 'ok', 'ok', 'wrong-party', 'not-verified', RM)],
  ['a message to C about A’s need, as oneself', 'messages', (me) => wire(messageFrom(me.municipalityId, C(), me.id)),
    writers('not-verified', 'not-verified', 'ok', 'ok', 'ok', 'not-verified', RM)],
  ['a photo of A’s open need', 'photos', () => wire(fresh(makePhoto({ ownerKind: 'need', ownerId: fixtures.needA.id }))),
    writers(NYM, 'ok', 'ok', 'ok', NYM, NYM, RM)],
];

/** change of a stored document → outcome, columns as above; each success is the base of the next writer's change. */
const UPDATE_TABLE: WriteRow[] = [
  ['A’s profile text', 'municipalities', update(() => fixtures.municipalityA.id, () => ({ profile: `Changed profile ${another()}.` })),
    writers(NYM, 'coordinator-only', 'coordinator-only', 'ok', NYM, 'ok', RM)],
  ['the display name of A’s official', 'members', update(() => people.official.id, () => ({ displayName: `Renamed official ${another()}` })),
    writers(NYM, 'coordinator-only', 'ok', 'not-yourself', NYM, 'ok', RM)],
  ['the phone of A’s official', 'contacts', update(() => fixtures.contactA.id, () => ({ phone: `+38044${String(1_000_000 + another())}` })),
    writers('not-yourself', 'not-yourself', 'ok', 'not-yourself', 'not-yourself', 'ok', RM)],
  ['the quantity of A’s open need', 'needs', update(() => fixtures.needA.id, () => ({ quantity: 100 + another() })),
    writers(NYM, 'not-verified', 'ok', 'ok', NYM, NYM, RM)],
  ['the quantity of A’s open offer', 'offers', update(() => fixtures.offerA.id, () => ({ quantity: 100 + another() })),
    writers(NYM, 'not-verified', 'ok', 'ok', NYM, NYM, RM)],
  ['the quantity of B’s pledge', 'pledges', update(() => fixtures.pledgeB.id, () => ({ quantity: 100 + another() })),
    writers(NYM, NYM, NYM, NYM, 'append-only', NYM, RM)],
  ['the note of B’s dispatch', 'pledge_events', update(() => fixtures.dispatchB.id, () => ({ note: `Changed afterwards ${another()}` })),
    writers(NYM, NYM, NYM, NYM, 'append-only', NYM, RM)],
  ['the body of B’s message to A', 'messages', update(() => fixtures.messageBA.id, () => ({ body: `Changed afterwards ${another()}` })),
    writers(NYM, NYM, NYM, NYM, 'append-only', 'append-only', RM)],
  ['the bytes of the photo of A’s need', 'photos', update(() => fixtures.photoA.id, () => ({ sha256: another().toString(16).padStart(64, 'b') })),
    writers(NYM, 'append-only', 'append-only', 'append-only', NYM, NYM, RM)],
];

function writeCases(table: WriteRow[]) {
  return table.flatMap(([label, collection, doc, expected]) => WRITERS.map((writer) => [label, WHO[writer], writer, collection, doc, expected[writer]] as const));
}

/** name, who, document → outcome: impersonation (IDOR) attempts and other single rules. */
const SINGLE_CASES: [string, Writer, CollectionName, () => WireDocument, WriteOutcome][] = [
  ['IDOR: a need with another municipality’s id', 'official', 'needs', () => wire(freshNeed({ municipalityId: B() })), NYM],
  ['IDOR: changing another municipality’s need', 'official', 'needs', update(() => fixtures.needB.id, { title: 'Taken over by A' }), NYM],
  ['IDOR: taking A’s need over by writing one’s own municipality into it', 'otherOfficial', 'needs', update(() => fixtures.needA.id, () => ({ municipalityId: B() })), NYM],
  ['changing a need’s municipalityId away from one’s own', 'official', 'needs', update(() => fixtures.needA.id, () => ({ municipalityId: B() })), 'immutable-field'],
  ['IDOR: the receiver dispatches the sender’s pledge', 'official', 'pledge_events',
    () => wire(fresh(makeEvent('dispatched', { pledgeId: fixtures.pledgeB.id, byMemberId: people.official.id, byMunicipalityId: A() }))), 'wrong-party'],
  ['IDOR: an event in the other party’s name', 'official', 'pledge_events',
    () => wire(fresh(makeEvent('dispatched', { pledgeId: fixtures.pledgeB.id, byMemberId: people.official.id, byMunicipalityId: B() }))), 'not-your-event'],
  ['IDOR: an event signed as someone else', 'otherOfficial', 'pledge_events',
    () => wire(fresh(makeEvent('delivered', { pledgeId: fixtures.pledgeB.id, byMemberId: coordinatorB.id, byMunicipalityId: B() }))), 'not-yourself'],
  ['IDOR: a message in another municipality’s name', 'otherOfficial', 'messages', () => wire(messageFrom(C(), A(), people.otherOfficial.id)), NYM],
  ['a municipality verifying itself', 'pendingCoordinator', 'municipalities', update(() => fixtures.municipalityP.id, { verification: { status: 'verified' } }), 'moderator-only'],
  ['a newcomer making themself active', 'newcomer', 'members', update(() => people.newcomer.id, { status: 'active' }), 'moderator-only'],
  ['a pending coordinator making themself active', 'pendingCoordinator', 'members', update(() => people.pendingCoordinator.id, { status: 'active' }), 'moderator-only'],
  ['an official making themself moderator', 'official', 'members', update(() => people.official.id, { role: 'moderator' }), 'moderator-only'],
  ['a coordinator making themself moderator', 'coordinator', 'members', update(() => people.coordinator.id, { role: 'moderator' }), 'moderator-only'],
  ['an official making themself coordinator', 'official', 'members', update(() => people.official.id, { role: 'coordinator' }), 'coordinator-only'],
  ['a newcomer preparing a draft', 'newcomer', 'needs', () => wire(freshNeed({ municipalityId: A(), status: 'draft' })), 'ok'],
  ['a pledge to a need that does not exist', 'otherOfficial', 'pledges',
    () => wire(fresh(makePledge({ needId: 'need-that-is-not-there', offerId: undefined, fromMunicipalityId: B(), toMunicipalityId: A() }))), 'unknown-reference'],
  ['IDOR: a pledge to a pending municipality’s need is answered like one to a need that does not exist', 'otherOfficial', 'pledges',
    () => wire(fresh(makePledge({ needId: fixtures.needP.id, offerId: undefined, fromMunicipalityId: B(), toMunicipalityId: P() }))), 'unknown-reference'],
  ['IDOR: a pledge to a draft need is answered like one to a need that does not exist', 'otherOfficial', 'pledges',
    () => wire(fresh(makePledge({ needId: fixtures.draftA.id, offerId: undefined, fromMunicipalityId: B(), toMunicipalityId: A() }))), 'unknown-reference'],
  ['a photo of a need that does not exist', 'official', 'photos', () => wire(fresh(makePhoto({ ownerKind: 'need', ownerId: 'need-that-is-not-there' }))), 'unknown-reference'],
];

describe('POST /api/sync/:collection/push', () => {
  it.each(COLLECTION_NAMES)('%s: 401 not-signed-in without a session, and nothing is written', async (collection) => {
    const answer = await push(null, collection, [{ newDocumentState: wire(freshNeed({ municipalityId: A() })) }]);
    expectError(answer, 401, 'not-signed-in');
  });

  it('403 bad-origin from another site, even signed in, and nothing is written', async () => {
    const need = wire(freshNeed({ municipalityId: A() }));
    expectError(await push(people.official, 'needs', [{ newDocumentState: need }], { origin: 'https://evil.example' }), 403, 'bad-origin');
    expect((await pullEverything(people.official, 'needs', 500)).map((doc) => doc.id)).not.toContain(need.id);
  });

  describe('create', () => {
    it.each(writeCases(CREATE_TABLE))('%s — %s: %s', async (_label, _who, writer, collection, doc, expected) => {
      expect(await write(people[writer], collection, doc(people[writer]))).toBe(expected);
    });
  });

  describe('update', () => {
    it.each(writeCases(UPDATE_TABLE))('%s — %s: %s', async (_label, _who, writer, collection, doc, expected) => {
      expect(await write(people[writer], collection, doc(people[writer]))).toBe(expected);
    });
  });

  describe('single rules', () => {
    it.each(SINGLE_CASES)('%s', async (_label, writer, collection, doc, expected) => {
      expect(await write(people[writer], collection, doc())).toBe(expected);
    });
  });

  it('refuses a stale write of a document the writer may not read without sending it back as a conflict', async () => {
    const draft = latest.get(fixtures.draftA.id)!;
    const answer = await push(people.otherOfficial, 'needs', [
      { assumedMasterState: { ...draft, title: 'What B guesses' }, newDocumentState: touched(draft, { title: 'B was here' }) },
    ]);
    expect(answer.body).toEqual({ conflicts: [], refused: [expect.objectContaining({ id: draft.id, code: NYM })] });
  });

  it('writes the rest of a batch when one row is refused', async () => {
    const [ours, theirs] = [wire(freshNeed({ municipalityId: A() })), wire(freshNeed({ municipalityId: B() }))];
    const answer = await push(people.official, 'needs', [{ newDocumentState: theirs }, { newDocumentState: ours }]);
    expect(answer.body).toEqual({ conflicts: [], refused: [expect.objectContaining({ id: theirs.id, code: NYM, message: expect.stringMatching(/\w/) as string })] });
    expect((await pullEverything(people.official, 'needs', 500)).map((doc) => doc.id)).toContain(ours.id);
  });

  it('attributes every write to the signed-in member, whatever meta the phone sends', async () => {
    const need = wire(freshNeed({ municipalityId: A(), meta: { createdBy: 'someone-else', updatedBy: 'someone-else', createdAt: 1, serverUpdatedAt: 1 } }));
    expect(await write(people.official, 'needs', need)).toBe('ok');
    expect(await write(people.coordinator, 'needs', touched(need, { quantity: 2 }))).toBe('ok');
    const stored = (await pullEverything(people.moderator, 'needs', 500)).find((doc) => doc.id === need.id);
    expect(stored?.meta).toMatchObject({ createdBy: people.official.id, updatedBy: people.coordinator.id });
    expect((stored?.meta as { createdAt: number }).createdAt).toBeGreaterThan(1_700_000_000_000);
  });
});

describe('every route', () => {
  it('needs a session even for an unknown collection (401 before 404)', async () => {
    expect((await fetch(`${server.url}/api/sync/passwords/pull`)).status).toBe(401);
    expectError(await people.official.browser.request('GET', '/api/sync/passwords/pull'), 404, 'unknown-collection');
  });

  it('serves a need pushed by A to B’s phone, and not a draft (a signed-in pull round trip)', async () => {
    const [open, draft] = [wire(freshNeed({ municipalityId: A() })), wire(freshNeed({ municipalityId: A(), status: 'draft' }))];
    expect((await push(people.official, 'needs', [{ newDocumentState: open }, { newDocumentState: draft }])).body).toEqual({ conflicts: [], refused: [] });
    const ids = (await pullEverything(people.otherOfficial, 'needs', 500)).map((doc) => doc.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.id);
  });
});
