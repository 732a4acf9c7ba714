/**
 * A document the server refuses as `unknown-reference` while the document it refers to still
 * waits on the phone (its push failed, is held, or is slower) is not refused for good: it waits
 * for that document and is pushed again once the server has it (app/db/replication.ts). Found by
 * the crash campaign (tests/chaos/crashes.test.ts): store restarts longer than the phone's wait
 * for a pledge let the pledge's event go first, and its refusal was kept as final. A reference
 * that is really unknown (not on the phone, or itself refused) still ends refused, at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { CollectionName, DocumentOf } from '../../domain/collections';
import type { Need, PledgeEvent } from '../../domain/schemas/index';
import type { PullResponse, PushResponse } from '../../domain/sync-protocol';
import { DAY, fresh, freshNeed, makeEvent, makePledge } from '../support/factories';
import {
  addMember,
  api,
  ClientPool,
  startTestServer,
  syncOnce,
  verifiedMunicipality,
  waitFor,
  type ClientOptions,
  type TestClient,
  type TestMember,
  type TestServer,
} from './support/sync-harness';

let server: TestServer;
const clients = new ClientPool(() => server);
/** B pledges to A's need; B's coordinator sends, so B writes the pledge and its dispatch. */
let coordinatorA: TestMember;
let coordinatorB: TestMember;
let needOfA: Need;

beforeAll(async () => {
  server = await startTestServer();
  [coordinatorA, coordinatorB] = await Promise.all([verifiedMunicipality(server), verifiedMunicipality(server)]);
  const officialA = await addMember(server, coordinatorA);
  needOfA = freshNeed({ municipalityId: coordinatorA.municipalityId, status: 'open' });
  const answer = await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify([{ newDocumentState: { ...needOfA, _deleted: false } }]) }, officialA);
  expect(answer.body).toEqual({ conflicts: [], refused: [] });
});

afterAll(async () => {
  await clients.closeAll();
  await server?.stop();
});

/** What B's phone sent and heard: pushes of one collection can be made to fail; refusals are recorded. */
class PushGate {
  /** Collections whose pushes fail as if the connection dropped before the request. */
  readonly failing = new Set<CollectionName>();
  /** Every refusal the server answered, by collection, in order. */
  readonly refusals: { collection: string; id: string; code: string }[] = [];

  wrap = (inner: typeof fetch): typeof fetch => async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const collection = /\/api\/sync\/([^/?]+)\/push/.exec(url)?.[1];
    if (collection && this.failing.has(collection as CollectionName)) throw new TypeError('Failed to fetch (the push is held)');
    const response = await inner(input, init);
    if (collection && response.ok) {
      const body = (await response.clone().json()) as PushResponse;
      for (const item of body.refused) this.refusals.push({ collection, id: item.id, code: item.code });
    }
    return response;
  };
}

async function senderPhone(gate: PushGate): Promise<TestClient> {
  // A short request timeout: the event waits that long for its pledge before it goes anyway.
  const options: ClientOptions = { requestTimeoutMs: 1500, retryTimeMs: 100, maxRetryTimeMs: 400, wrapFetch: gate.wrap };
  const phone = await clients.add(coordinatorB, ['pledges', 'pledge_events'], options);
  await syncOnce(phone);
  return phone;
}

function pledgeToA(overrides: Partial<DocumentOf['pledges']> = {}): DocumentOf['pledges'] {
  return fresh(
    makePledge({
      needId: needOfA.id,
      offerId: undefined,
      fromMunicipalityId: coordinatorB.municipalityId,
      toMunicipalityId: coordinatorA.municipalityId,
      expiresAt: Date.now() + 14 * DAY,
      ...overrides,
    }),
  );
}

function dispatchOf(pledgeId: string): PledgeEvent {
  return fresh(makeEvent('dispatched', { pledgeId, byMemberId: coordinatorB.id, byMunicipalityId: coordinatorB.municipalityId }));
}

async function serverIds(collection: CollectionName): Promise<string[]> {
  const answer = await api<PullResponse<{ id: string }>>(server, `/api/sync/${collection}/pull?limit=500`, {}, coordinatorB);
  return answer.body.documents.map((doc) => doc.id);
}

describe('a reference that still waits on the phone', () => {
  it('a pledge event pushed before its pledge is retried, not refused for good', async () => {
    const gate = new PushGate();
    const phone = await senderPhone(gate);
    // The pledge's pushes fail for longer than the event waits for it (a store restarting, a link cut).
    gate.failing.add('pledges');
    const pledge = await saveDocument(phone.store, 'pledges', pledgeToA());
    const event = await saveDocument(phone.store, 'pledge_events', dispatchOf(pledge.id));

    // The event gave up waiting, went first, and the server did not know its pledge.
    await waitFor(() => expect(gate.refusals).toContainEqual({ collection: 'pledge_events', id: event.id, code: 'unknown-reference' }), 15_000);
    // Not final: nothing is shown as refused, and the event still waits to be sent.
    expect(phone.store.refused.list()).toEqual([]);
    expect(phone.store.outboxes.pledge_events!.has(event.id)).toBe(true);

    gate.failing.delete('pledges');
    await waitFor(() => {
      expect(phone.store.outboxes.pledges!.size).toBe(0);
      expect(phone.store.outboxes.pledge_events!.size).toBe(0);
    }, 20_000);
    expect(phone.store.refused.list()).toEqual([]);
    expect(await serverIds('pledges')).toContain(pledge.id);
    expect(await serverIds('pledge_events')).toContain(event.id);
  });

  it('an event whose pledge was refused, or is not on the phone, is refused for good and holds nothing back', async () => {
    const gate = new PushGate();
    const phone = await senderPhone(gate);
    phone.network.goOffline();
    // The server refuses this pledge: the need it names does not exist.
    const refusedPledge = await saveDocument(phone.store, 'pledges', pledgeToA({ needId: 'need-that-is-not-there' }));
    const orphanOfRefused = await saveDocument(phone.store, 'pledge_events', dispatchOf(refusedPledge.id));
    const orphan = await saveDocument(phone.store, 'pledge_events', dispatchOf('pledge-not-on-this-phone'));
    const goodPledge = await saveDocument(phone.store, 'pledges', pledgeToA());
    const goodEvent = await saveDocument(phone.store, 'pledge_events', dispatchOf(goodPledge.id));
    await syncOnce(phone);

    await waitFor(() => {
      expect(phone.store.outboxes.pledges!.size).toBe(0);
      expect(phone.store.outboxes.pledge_events!.size).toBe(0);
    }, 20_000);
    const refused = phone.store.refused.list().map((item) => ({ collection: item.collection, id: item.id, code: item.code }));
    expect(refused).toEqual(
      expect.arrayContaining([
        { collection: 'pledges', id: refusedPledge.id, code: 'unknown-reference' },
        { collection: 'pledge_events', id: orphanOfRefused.id, code: 'unknown-reference' },
        { collection: 'pledge_events', id: orphan.id, code: 'unknown-reference' },
      ]),
    );
    expect(refused).toHaveLength(3);
    const onServer = await serverIds('pledge_events');
    expect(onServer).toContain(goodEvent.id);
    expect(onServer).not.toContain(orphan.id);
  });
});
