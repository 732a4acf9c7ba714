/**
 * Every collection through two phones and the real server, and what happens to writes the rules
 * refuse or a lost answer leaves in doubt. The phones belong to members of two verified
 * municipalities, A (coordinator and official) and B (coordinator), and a moderator; each writes
 * what the rules let them write, each reads what is theirs to read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discardRefusedWrite, saveDocument, type DocumentInput } from '../../app/db/local-store';
import { COLLECTION_NAMES, type CollectionName, type DocumentOf } from '../../domain/collections';
import { messageThreadId } from '../../domain/rules/message-thread';
import { derivePledgeState } from '../../domain/rules/pledge-status';
import type { Need, PledgeEvent } from '../../domain/schemas/index';
import type { PullResponse, PushResponse } from '../../domain/sync-protocol';
import {
  DAY,
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
import {
  addMember,
  api,
  ClientPool,
  moderatorOf,
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
/** A's coordinator and official, B's coordinator, the moderator. */
let coordinatorA: TestMember;
let officialA: TestMember;
let coordinatorB: TestMember;
let moderator: TestMember;
/** An open need of A, and B's pledge to it, on the server from the start. */
let needOfA: Need;
let pledgeOfB: DocumentOf['pledges'];

async function read<Name extends CollectionName>(phone: TestClient, collection: Name, id: string) {
  return (await phone.store.db[collection].findOne(id).exec())?.toMutableJSON() as DocumentOf[Name] | undefined;
}

/** Writes documents over raw HTTP as `member`, and expects them all written. */
async function pushAs<Name extends CollectionName>(member: TestMember, collection: Name, docs: DocumentOf[Name][]): Promise<void> {
  const rows = docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }));
  const answer = await api<PushResponse>(server, `/api/sync/${collection}/push`, { method: 'POST', body: JSON.stringify(rows) }, member);
  expect(answer.body).toEqual({ conflicts: [], refused: [] });
}

beforeAll(async () => {
  server = await startTestServer();
  moderator = await moderatorOf(server);
  [coordinatorA, coordinatorB] = await Promise.all([verifiedMunicipality(server), verifiedMunicipality(server)]);
  officialA = await addMember(server, coordinatorA);
  needOfA = freshNeed({ municipalityId: coordinatorA.municipalityId });
  await pushAs(officialA, 'needs', [needOfA]);
  pledgeOfB = pledgeToA();
  await pushAs(coordinatorB, 'pledges', [pledgeOfB]);
});

afterEach(async () => {
  await clients.closeAll();
});

afterAll(async () => {
  await server.stop();
});

/** A new pledge of B to A's need. */
function pledgeToA(overrides: Partial<DocumentOf['pledges']> = {}): DocumentOf['pledges'] {
  const [from, to] = [coordinatorB.municipalityId, coordinatorA.municipalityId];
  return fresh(makePledge({ needId: needOfA.id, offerId: undefined, fromMunicipalityId: from, toMunicipalityId: to, ...overrides }));
}

/** A new message from B's coordinator to A about A's need. */
function messageToA(overrides: Partial<DocumentOf['messages']> = {}): DocumentOf['messages'] {
  const [from, to] = [coordinatorB.municipalityId, coordinatorA.municipalityId];
  return fresh(
    makeMessage({ subjectId: needOfA.id, fromMunicipalityId: from, toMunicipalityId: to, threadId: messageThreadId(needOfA.id, from, to), authorMemberId: coordinatorB.id, ...overrides }),
  );
}

/** Per collection: who writes a new document (as the rules let them), who reads it, and the document. */
const ONE_OF_EACH: { [Name in CollectionName]: { writer: () => TestMember; reader: () => TestMember; doc: () => DocumentOf[Name] } } = {
  municipalities: { writer: () => moderator, reader: () => officialA, doc: () => fresh(makeMunicipality()) },
  members: {
    writer: () => coordinatorA,
    reader: () => officialA,
    doc: () => fresh(makeMember({ municipalityId: coordinatorA.municipalityId, status: 'pending' })),
  },
  contacts: { writer: () => officialA, reader: () => coordinatorA, doc: () => fresh(makeContact({ memberId: officialA.id })) },
  needs: { writer: () => officialA, reader: () => coordinatorB, doc: () => freshNeed({ municipalityId: coordinatorA.municipalityId }) },
  offers: { writer: () => officialA, reader: () => coordinatorB, doc: () => fresh(makeOffer({ municipalityId: coordinatorA.municipalityId })) },
  pledges: { writer: () => coordinatorB, reader: () => officialA, doc: () => pledgeToA() },
  pledge_events: {
    writer: () => coordinatorB,
    reader: () => officialA,
    doc: () => fresh(makeEvent('dispatched', { pledgeId: pledgeOfB.id, byMemberId: coordinatorB.id, byMunicipalityId: coordinatorB.municipalityId })),
  },
  messages: { writer: () => coordinatorB, reader: () => officialA, doc: () => messageToA() },
  photos: { writer: () => officialA, reader: () => coordinatorB, doc: () => fresh(makePhoto({ ownerKind: 'need', ownerId: needOfA.id })) },
};

describe('every collection', () => {
  it.each(COLLECTION_NAMES)('%s: a document written on one phone arrives on the other', async (collection) => {
    const { writer, reader, doc: make } = ONE_OF_EACH[collection];
    const [a, b] = [await clients.add(writer(), [collection]), await clients.add(reader(), [collection])];
    const doc = make();
    await saveDocument(a.store, collection, doc as DocumentInput<typeof collection>);
    await syncAll(a, b);
    await waitFor(async () => expect((await read(b, collection, doc.id))?.id).toBe(doc.id));
  });
});

describe('append-only documents', () => {
  it('an edit of a sent message is refused, stays on the phone marked with its reason, and can be discarded', async () => {
    const a = await clients.add(coordinatorB, ['messages']);
    const message = messageToA({ body: 'Can you deliver to Lviv?' });
    await saveDocument(a.store, 'messages', message);
    await syncOnce(a);
    const sent = (await read(a, 'messages', message.id))!;
    await saveDocument(a.store, 'messages', { ...sent, body: 'Can you deliver to Lutsk?' });
    await syncOnce(a);

    const refused = await waitFor(() => {
      const item = a.store.refused.find('messages', message.id);
      expect(item?.code).toBe('append-only');
      return item!;
    });
    expect(refused.message).toMatch(/cannot be changed/);
    expect((refused.document as { body?: string }).body).toBe('Can you deliver to Lutsk?');
    expect(a.store.outboxes.messages!.size).toBe(0);

    await discardRefusedWrite(a.store, refused);
    await syncOnce(a);
    await waitFor(() => expect(a.store.refused.find('messages', message.id)).toBeUndefined());
    expect((await read(a, 'messages', message.id))!.body).toBe('Can you deliver to Lviv?');
  });

  it('pledge dispatched by the sender and received by the receiver offline at the same time: "received" on all three', async () => {
    const collections: CollectionName[] = ['pledges', 'pledge_events'];
    const [sender, receiver] = [await clients.add(coordinatorB, collections), await clients.add(officialA, collections)];
    const pledge = pledgeToA({ expiresAt: Date.now() + 14 * DAY });
    await saveDocument(sender.store, 'pledges', pledge);
    await syncAll(sender, receiver);
    sender.network.goOffline();
    receiver.network.goOffline();
    const [byB, byA] = [
      { byMemberId: coordinatorB.id, byMunicipalityId: coordinatorB.municipalityId },
      { byMemberId: officialA.id, byMunicipalityId: officialA.municipalityId },
    ];
    await saveDocument(sender.store, 'pledge_events', fresh(makeEvent('dispatched', { pledgeId: pledge.id, ...byB })));
    await saveDocument(receiver.store, 'pledge_events', fresh(makeEvent('received', { pledgeId: pledge.id, quantity: pledge.quantity, ...byA })));
    await syncAll(sender, receiver);

    for (const phone of [sender, receiver]) {
      await waitFor(async () => {
        const events = (await phone.store.db.pledge_events.find({ selector: { pledgeId: pledge.id } }).exec()).map((doc) => doc.toMutableJSON());
        expect(events).toHaveLength(2);
        expect(derivePledgeState(pledge, events, Date.now()).status).toBe('received');
      });
    }
    const onServer = await api<PullResponse<PledgeEvent>>(server, '/api/sync/pledge_events/pull?limit=500', {}, officialA);
    const serverEvents = onServer.body.documents.filter((event) => event.pledgeId === pledge.id);
    expect(derivePledgeState(pledge, serverEvents, Date.now()).status).toBe('received');
  });
});

describe('a push whose answer was lost', () => {
  it('an undo after a lost push response is kept', async () => {
    const a = await clients.add(officialA);
    const need = await saveDocument(a.store, 'needs', freshNeed({ municipalityId: officialA.municipalityId, status: 'open' }));
    await syncOnce(a);
    a.network.loseNextPushAnswer = true;
    await saveDocument(a.store, 'needs', { ...(await read(a, 'needs', need.id))!, status: 'closed' });
    await waitFor(() => expect(a.network.online).toBe(false));
    // The server now holds "closed"; the phone never heard so, and the official undoes it.
    await saveDocument(a.store, 'needs', { ...(await read(a, 'needs', need.id))!, status: 'open' });
    await syncOnce(a);

    const b = await clients.add(coordinatorA);
    await syncOnce(b);
    await waitFor(async () => expect((await read(b, 'needs', need.id))?.status).toBe('open'));
    // The phone may show the server's older "closed" for a moment: a pull or stream event read
    // before the undo's push was answered can land after it (seen in about 1 run of 6, for < 100 ms).
    // It must settle on "open" and stay there.
    await waitFor(async () => expect((await read(a, 'needs', need.id))?.status).toBe('open'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await read(a, 'needs', need.id))?.status).toBe('open');
  });
});

describe('documents that refer to each other, written offline together', () => {
  it('a pledge, its dispatch and the dispatch photo all reach the server, none refused as unknown', async () => {
    const sender = await clients.add(coordinatorB, ['pledges', 'pledge_events', 'photos']);
    await syncOnce(sender);
    sender.network.goOffline();
    const pledge = await saveDocument(sender.store, 'pledges', pledgeToA({ expiresAt: Date.now() + 14 * DAY }));
    const by = { byMemberId: coordinatorB.id, byMunicipalityId: coordinatorB.municipalityId };
    const event = await saveDocument(sender.store, 'pledge_events', fresh(makeEvent('dispatched', { pledgeId: pledge.id, ...by })));
    const photo = await saveDocument(sender.store, 'photos', fresh(makePhoto({ ownerKind: 'pledgeEvent', ownerId: event.id })));
    await syncOnce(sender);

    await waitFor(() => {
      for (const name of ['pledges', 'pledge_events', 'photos'] as const) expect(sender.store.outboxes[name]!.size).toBe(0);
    });
    expect(sender.store.refused.list()).toEqual([]);
    const onServer = await api<PullResponse<DocumentOf['photos']>>(server, '/api/sync/photos/pull?limit=500', {}, coordinatorB);
    expect(onServer.body.documents.map((doc) => doc.id)).toContain(photo.id);
  });
});
