/**
 * The deaf phone of the link-fault campaign (tests/chaos/link-faults.test.ts, seed 1531256642 at a
 * fault rate of 0.6: one phone's messages and pledge events got nothing from the server for minutes):
 * while a phone's push of a collection kept failing, that collection received nothing, not even with
 * the pull link and the live stream working. RxDB 17 (replication-protocol/downstream.js) holds
 * every stream event and RESYNC of a collection until its upstream is idle, and the push handler
 * (app/db/replication.ts) retries inside the upstream; the push's back-off now tells RxDB the
 * upstream is idle (`backOffHearing`).
 *
 * The class: every collection goes through the same push handler, so the cases run for needs and
 * offers (both merged field by field), through the live stream and through a pull, with a push that
 * never reaches the server and with one whose answer is lost after the server wrote it. The echo of
 * a write that arrived while the write waited is handed to RxDB again once the write settles
 * (app/db/held-echoes.ts), so the writer's phone ends with the server's state, `meta` included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freshNeed } from '../support/factories';
import { freshOffer } from '../support/offer-fixtures';
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { PushResponse } from '../../domain/sync-protocol';
import { saveDocument } from '../../app/db/local-store';
import { api, overridingFetch, serverWithOneMember, waitFor, type TestClient, type TestMember } from './support/sync-harness';

const world = serverWithOneMember();

afterEach(() => world.clients.closeAll());

const KINDS: { collection: CollectionName; make: (member: TestMember) => WireDocument }[] = [
  { collection: 'needs', make: (member) => freshNeed({ municipalityId: member.municipalityId }) },
  { collection: 'offers', make: (member) => freshOffer({ municipalityId: member.municipalityId }) },
];

/** Writes `doc` on the server as another phone of the member would. */
async function writeOnServer(collection: CollectionName, doc: WireDocument, member: TestMember): Promise<void> {
  const written = await api<PushResponse>(world.server, `/api/sync/${collection}/push`, { method: 'POST', body: JSON.stringify([{ newDocumentState: { ...doc, _deleted: false } }]) }, member);
  expect(written.body).toEqual({ conflicts: [], refused: [] });
}

async function heldOnPhone(phone: TestClient, collection: CollectionName, id: string): Promise<WireDocument | undefined> {
  const held = await phone.store.db[collection].findOne(id).exec();
  return (held?.toJSON()) ?? undefined;
}

/** A phone of the member syncing `collection`, retrying fast, its requests passed through `overrides`. */
function phoneFor(collection: CollectionName, overrides: Parameters<typeof overridingFetch>[0]): Promise<TestClient> {
  return world.clients.add(world.member, [collection], { requestTimeoutMs: 1000, retryTimeMs: 100, maxRetryTimeMs: 300, wrapFetch: overridingFetch(overrides) });
}

async function serverDocuments(collection: CollectionName, member: TestMember): Promise<WireDocument[]> {
  const pulled = await api<{ documents: WireDocument[] }>(world.server, `/api/sync/${collection}/pull?limit=500`, {}, member);
  return pulled.body.documents;
}

async function serverIds(collection: CollectionName, member: TestMember): Promise<string[]> {
  return (await serverDocuments(collection, member)).map((doc) => doc.id);
}

/**
 * The phone writes a document (`mine`) and its push fails at least twice (`failures` counts them);
 * meanwhile another phone of the member writes `other` on the server, and this phone receives it.
 */
async function receiveWhilePushFails(phone: TestClient, collection: CollectionName, make: (member: TestMember) => WireDocument, failures: () => number): Promise<{ mine: WireDocument; other: WireDocument }> {
  const { member } = world;
  await phone.engine.awaitInSync();
  const mine = make(member);
  await saveDocument(phone.store, collection, mine as never);
  await waitFor(() => expect(failures()).toBeGreaterThan(1));
  const other = make(member);
  await writeOnServer(collection, other, member);
  await waitFor(async () => expect((await heldOnPhone(phone, collection, other.id))?.id).toBe(other.id), 5000);
  return { mine, other };
}

describe.each(KINDS)('$collection: a push that keeps failing', ({ collection, make }) => {
  it('does not keep the phone from receiving through the live stream', async () => {
    const { member } = world;
    let pushesFailed = 0;
    let failing = true;
    const phone = await phoneFor(collection, {
      '/push': (input, init, inner) => {
        if (!failing) return inner(input, init);
        pushesFailed++;
        throw new TypeError('Failed to fetch (the uplink dropped it)');
      },
    });
    const { mine } = await receiveWhilePushFails(phone, collection, make, () => pushesFailed);
    expect(phone.engine.outboxes[collection]?.has(mine.id)).toBe(true);

    // Once the uplink carries again, the write that waited goes out, once.
    failing = false;
    phone.engine.reSync();
    await waitFor(async () => expect(await serverIds(collection, member)).toContain(mine.id), 10_000);
    await waitFor(() => expect(phone.engine.outboxes[collection]?.has(mine.id)).toBe(false), 10_000);
    expect((await serverIds(collection, member)).filter((id) => id === mine.id)).toHaveLength(1);
  });

  it('does not keep the phone from receiving through a pull when the stream is down too', async () => {
    const { member } = world;
    let pushesFailed = 0;
    let streamDown = false;
    const phone = await phoneFor(collection, {
      '/push': () => {
        pushesFailed++;
        throw new TypeError('Failed to fetch (the uplink dropped it)');
      },
      '/stream': (input, init, inner) => {
        if (streamDown) throw new TypeError('Failed to fetch (the stream is cut)');
        return inner(input, init);
      },
    });
    await phone.engine.awaitInSync();
    streamDown = true;
    phone.network.goOffline();
    await saveDocument(phone.store, collection, make(member) as never);
    const other = make(member);
    await writeOnServer(collection, other, member);
    phone.network.online = true;
    phone.engine.reSync();
    await waitFor(() => expect(pushesFailed).toBeGreaterThan(1));
    await waitFor(async () => expect((await heldOnPhone(phone, collection, other.id))?.id).toBe(other.id), 5000);
  });

  it('settles a write whose answers were lost, while the echo of that write arrived', async () => {
    const { member } = world;
    let answersLost = 0;
    let losing = true;
    const phone = await phoneFor(collection, {
      '/push': async (input, init, inner) => {
        const answer = await inner(input, init);
        if (!losing) return answer;
        answersLost++;
        throw new TypeError('Failed to fetch (the answer was lost)');
      },
    });
    const { mine } = await receiveWhilePushFails(phone, collection, make, () => answersLost);

    losing = false;
    phone.engine.reSync();
    await waitFor(() => expect(phone.engine.outboxes[collection]?.has(mine.id)).toBe(false), 10_000);
    await phone.engine.awaitInSync();
    expect((await serverIds(collection, member)).filter((id) => id === mine.id)).toHaveLength(1);
    const held = await heldOnPhone(phone, collection, mine.id);
    expect(held?.title).toBe(mine.title);
    expect(phone.engine.refused.list()).toEqual([]);
    // The echo that came while the write waited is the server's state: the phone ends with its
    // server-set fields too (held-echoes.ts), not with the state it pushed.
    const onServer = (await serverDocuments(collection, member)).find((doc) => doc.id === mine.id);
    expect(onServer?.meta).toBeDefined();
    await waitFor(async () => expect((await heldOnPhone(phone, collection, mine.id))?.meta).toEqual(onServer?.meta), 5000);
  });
});
