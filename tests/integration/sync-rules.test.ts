/**
 * Every collection through two phones and the real server, and what happens to writes the rules
 * refuse or a lost answer leaves in doubt.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discardRefusedWrite, saveDocument, type DocumentInput } from '../../app/db/local-store';
import { COLLECTION_NAMES, type CollectionName, type DocumentOf } from '../../domain/collections';
import { derivePledgeState } from '../../domain/rules/pledge-status';
import type { PledgeEvent } from '../../domain/schemas/index';
import type { PullResponse } from '../../domain/sync-protocol';
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
import { api, makeClient, startTestServer, syncAll, syncOnce, waitFor, type TestClient, type TestServer } from './support/sync-harness';

let server: TestServer;
const clients: TestClient[] = [];

async function client(collections: CollectionName[] = ['needs']): Promise<TestClient> {
  const made = await makeClient(server, collections);
  clients.push(made);
  return made;
}

async function read<Name extends CollectionName>(phone: TestClient, collection: Name, id: string) {
  return (await phone.store.db[collection].findOne(id).exec())?.toMutableJSON() as DocumentOf[Name] | undefined;
}

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((phone) => phone.close()));
});

afterAll(async () => {
  await server.stop();
});

const ONE_OF_EACH: { [Name in CollectionName]: () => DocumentOf[Name] } = {
  municipalities: () => fresh(makeMunicipality()),
  members: () => fresh(makeMember()),
  contacts: () => fresh(makeContact()),
  needs: () => freshNeed(),
  offers: () => fresh(makeOffer()),
  pledges: () => fresh(makePledge()),
  pledge_events: () => fresh(makeEvent('dispatched')),
  messages: () => fresh(makeMessage()),
  photos: () => fresh(makePhoto()),
};

describe('every collection', () => {
  it.each(COLLECTION_NAMES)('%s: a document written on one phone arrives on the other', async (collection) => {
    const [a, b] = [await client([collection]), await client([collection])];
    const doc = ONE_OF_EACH[collection]();
    await saveDocument(a.store, collection, doc as DocumentInput<typeof collection>);
    await syncAll(a, b);
    await waitFor(async () => expect((await read(b, collection, doc.id))?.id).toBe(doc.id));
  });
});

describe('append-only documents', () => {
  it('an edit of a sent message is refused, stays on the phone marked with its reason, and can be discarded', async () => {
    const a = await client(['messages']);
    const message = fresh(makeMessage({ body: 'Can you deliver to Lviv?' }));
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
    const [sender, receiver] = [await client(collections), await client(collections)];
    const pledge = fresh(makePledge({ expiresAt: Date.now() + 14 * DAY }));
    await saveDocument(sender.store, 'pledges', pledge);
    await syncAll(sender, receiver);
    sender.network.goOffline();
    receiver.network.goOffline();
    await saveDocument(sender.store, 'pledge_events', fresh(makeEvent('dispatched', { pledgeId: pledge.id })));
    await saveDocument(receiver.store, 'pledge_events', fresh(makeEvent('received', { pledgeId: pledge.id, quantity: pledge.quantity })));
    await syncAll(sender, receiver);

    for (const phone of [sender, receiver]) {
      await waitFor(async () => {
        const events = (await phone.store.db.pledge_events.find({ selector: { pledgeId: pledge.id } }).exec()).map((doc) => doc.toMutableJSON());
        expect(events).toHaveLength(2);
        expect(derivePledgeState(pledge, events, Date.now()).status).toBe('received');
      });
    }
    const onServer = await api<PullResponse<PledgeEvent>>(server, '/api/sync/pledge_events/pull?limit=500');
    const serverEvents = onServer.body.documents.filter((event) => event.pledgeId === pledge.id);
    expect(derivePledgeState(pledge, serverEvents, Date.now()).status).toBe('received');
  });
});

describe('a push whose answer was lost', () => {
  it('an undo after a lost push response is kept', async () => {
    const a = await client();
    const need = await saveDocument(a.store, 'needs', freshNeed({ status: 'draft' }));
    await syncOnce(a);
    a.network.loseNextPushAnswer = true;
    await saveDocument(a.store, 'needs', { ...(await read(a, 'needs', need.id))!, status: 'withdrawn' });
    await waitFor(() => expect(a.network.online).toBe(false));
    // The server now holds "withdrawn"; the phone never heard so, and the official undoes it.
    await saveDocument(a.store, 'needs', { ...(await read(a, 'needs', need.id))!, status: 'draft' });
    await syncOnce(a);

    const b = await client();
    await syncOnce(b);
    await waitFor(async () => expect((await read(b, 'needs', need.id))?.status).toBe('draft'));
    expect((await read(a, 'needs', need.id))?.status).toBe('draft');
  });
});
