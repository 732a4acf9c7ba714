/**
 * Regression (found by the link-fault campaign, tests/chaos/link-faults.test.ts): RxDB holds the
 * live stream's items while a push runs and then takes them as one batch; a RESYNC that follows a
 * stream event in that batch was dropped (rxdb 17.6 replication-protocol/downstream.js). The
 * stream's reconnection asks for that RESYNC to fetch what was written while it was down; with it
 * lost, the next stream event carried the phone's checkpoint past those changes for good.
 *
 * Here: a push hangs; meanwhile the stream delivers one change, is cut, a need is written while it
 * is down, it reconnects (RESYNC) and delivers another change. Once the push returns, the phone
 * must hold the need written while its stream was down, without any further nudge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { PushResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { addMember, api, makeClient, startTestServer, syncOnce, verifiedMunicipality, waitFor, type TestClient, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let official: TestMember;
let colleague: TestMember;
let phone: TestClient | undefined;

beforeAll(async () => {
  server = await startTestServer();
  official = await verifiedMunicipality(server);
  colleague = await addMember(server, official);
});

afterAll(async () => {
  await phone?.close();
  await server.stop();
});

/** A need written straight to the server by the colleague (another phone). */
async function writtenElsewhere(title: string): Promise<string> {
  const need = freshNeed({ municipalityId: official.municipalityId, title });
  const answer = await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify([{ newDocumentState: { ...need, _deleted: false } }]) }, colleague);
  expect(answer.body).toEqual({ conflicts: [], refused: [] });
  return need.id;
}

describe('a RESYNC that arrives with stream events while a push runs', () => {
  it('is not lost: what was written while the stream was down arrives', async () => {
    let releasePush: () => void = () => {};
    let holdPushes = false;
    let streamDown = false;
    let streamsOpened = 0;
    let cutStream: () => void = () => {};
    phone = await makeClient(server, official, ['needs'], undefined, {
      wrapFetch: (inner) => async (input, init) => {
        const url = input instanceof Request ? input.url : input.toString();
        if (url.includes('/api/sync/stream')) {
          if (streamDown) throw new TypeError('Failed to fetch (stream down)');
          const controller = new AbortController();
          init?.signal?.addEventListener('abort', () => controller.abort());
          cutStream = () => controller.abort(new TypeError('the stream was cut'));
          streamsOpened++;
          return inner(input, { ...init, signal: controller.signal });
        }
        if (url.includes('/push') && holdPushes) await new Promise<void>((resolve) => (releasePush = resolve));
        return inner(input, init);
      },
    });
    await syncOnce(phone);
    await waitFor(() => expect(phone!.engine.replications.needs).toBeDefined());
    await waitFor(() => expect(streamsOpened).toBeGreaterThan(0));

    // A push hangs: RxDB now holds every stream item until it returns.
    holdPushes = true;
    await saveDocument(phone.store, 'needs', freshNeed({ municipalityId: official.municipalityId, title: 'Written on the phone' }));
    const before = await writtenElsewhere('Sent on the stream');
    await new Promise((resolve) => setTimeout(resolve, 300));

    streamDown = true;
    cutStream();
    const whileDown = await writtenElsewhere('Written while the stream was down');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const opened = streamsOpened;
    streamDown = false;
    await waitFor(() => expect(streamsOpened).toBeGreaterThan(opened));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await writtenElsewhere('Sent on the new stream');
    await new Promise((resolve) => setTimeout(resolve, 300));

    holdPushes = false;
    releasePush();
    await waitFor(async () => {
      const ids = (await phone!.store.db.needs.find().exec()).map((doc) => doc.id);
      expect(ids).toEqual(expect.arrayContaining([before, whileDown, after]));
    }, 8_000);
  });
});
