/**
 * A phone's first sync of 1,000 needs on a weak link (issue 11, "Honest sync"): small pull batches,
 * streamed in one answer (issue 12), the link cut while a batch is on its way, then back. The checkpoint of every batch received is
 * kept, so the server sends at most the lost batch again; the status counts the round's progress
 * from the server's `remaining` up to remaining 0; a retry that backed off resumes at once when the
 * browser says it is online again (`reSync()`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../app/db/replication';
import type { PullResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { api, makeClient, reloadClient, startTestServer, verifiedMunicipality, waitFor, type TestClient, type TestServer } from './support/sync-harness';

const NEEDS = 1000;
const BATCH = 100;

/**
 * The pull answer as the phone receives it, batch by batch (a streamed pull is a JSON array with
 * one batch per line; a plain one is one batch): `onBatch` sees each whole batch before the phone
 * does and returns true to cut the link there, so that batch and everything after it never arrive.
 */
function cutAt(response: Response, onBatch: (body: PullResponse) => boolean): Response {
  let text = '';
  let cut = false;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const lines = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (cut) return;
      text += decoder.decode(chunk, { stream: true });
      let newline = text.indexOf('\n');
      while (newline >= 0) {
        const line = text.slice(0, newline + 1);
        text = text.slice(newline + 1);
        const element = line.trim().replace(/^,|,$/g, '');
        if (element.startsWith('{') && onBatch(JSON.parse(element) as PullResponse)) {
          cut = true;
          controller.error(new TypeError('Failed to fetch (the link dropped)'));
          return;
        }
        controller.enqueue(encoder.encode(line));
        newline = text.indexOf('\n');
      }
    },
    flush(controller) {
      const element = text.trim();
      if (element.startsWith('{') && onBatch(JSON.parse(element) as PullResponse)) controller.error(new TypeError('Failed to fetch (the link dropped)'));
      else controller.enqueue(encoder.encode(text));
    },
  });
  return new Response(response.body!.pipeThrough(lines), { status: response.status, headers: response.headers });
}

let server: TestServer;
let phone: TestClient | undefined;

beforeAll(async () => {
  server = await startTestServer();
  const seller = await verifiedMunicipality(server);
  // Another city's needs, pushed as that city would (200 rows is the server's push limit).
  for (let start = 0; start < NEEDS; start += 200) {
    const rows = Array.from({ length: Math.min(200, NEEDS - start) }, () => ({
      newDocumentState: { ...freshNeed({ municipalityId: seller.municipalityId }), _deleted: false },
    }));
    const { status } = await api(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify(rows) }, seller);
    expect(status).toBe(200);
  }
});

afterAll(async () => {
  await phone?.close();
  await server.stop();
});

describe('first sync cut in the middle', () => {
  it('re-downloads at most one batch, counts its progress to remaining 0, and resumes at once when online', async () => {
    const reader = await verifiedMunicipality(server);
    /** Documents the server sent in pull answers, lost ones included. */
    let sent = 0;
    let answers = 0;
    const pullsAt: number[] = [];
    /** Set once the phone exists: drops its link like airplane mode. */
    const link = { cut: (): void => undefined };
    const statuses: SyncStatus[] = [];

    phone = await makeClient(server, reader, ['needs'], 'first-sync-phone', {
      pullBatchSize: BATCH,
      // A back-off that grows past what a test would wait for: only the wake-up brings it back quickly.
      retryTimeMs: 1000,
      maxRetryTimeMs: 20_000,
      wrapFetch: (inner) => async (input, init) => {
        const url = input instanceof Request ? input.url : input.toString();
        if (!url.includes('/needs/pull')) return inner(input, init);
        pullsAt.push(Date.now());
        return cutAt(await inner(input, init), (body) => {
          sent += body.documents.length;
          // The link drops while the 4th batch is on its way: the server sent it, the phone never gets it.
          if (body.documents.length > 0 && ++answers === 4) {
            link.cut();
            return true;
          }
          return false;
        });
      },
    });
    const client = phone;
    link.cut = () => client.network.goOffline();
    const subscription = client.engine.status$.subscribe((status) => statuses.push(status));

    // Offline after 3 batches; the pull backs off (1 s, 2 s, 4 s … with jitter).
    await waitFor(() => expect(client.network.online).toBe(false), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const during = statuses.at(-1)!;
    expect(during.progress?.needs).toEqual({ received: 3 * BATCH, remaining: expect.any(Number) as number });
    expect(during.progress!.needs!.remaining).toBeGreaterThanOrEqual(NEEDS - 3 * BATCH - 10);
    expect(during.catchUp?.received).toBe(3 * BATCH);
    expect(during.lastError).toBeTruthy();
    expect(during.collections?.needs?.lastErrorKind).toMatch(/unreachable|offline/);
    expect(await client.store.db.needs.count().exec()).toBe(3 * BATCH);

    // The browser reports 'online': the waiting pull goes at once, not after its back-off.
    const back = Date.now();
    client.network.online = true;
    client.engine.reSync();
    await waitFor(() => expect(pullsAt.some((at) => at >= back)).toBe(true), 5000);
    const resumedAfter = Math.min(...pullsAt.filter((at) => at >= back)) - back;
    expect(resumedAfter).toBeLessThan(1000);

    await waitFor(async () => expect(await client.store.db.needs.count().exec()).toBe(NEEDS), 60_000);
    await client.engine.awaitInSync();
    const end = statuses.at(-1)!;
    subscription.unsubscribe();

    const redownloaded = sent - NEEDS;
    console.info(`first sync of ${NEEDS} needs in batches of ${BATCH}, cut during batch 4: the server sent ${sent} documents, ${redownloaded} again; resumed ${resumedAfter} ms after 'online'`);
    expect(redownloaded).toBeLessThanOrEqual(BATCH);
    expect(end.progress?.needs).toEqual({ received: NEEDS, remaining: 0 });
    expect(end.catchUp).toBeNull();
    expect(end.lastError).toBeNull();
    expect(end.collections?.needs?.lastSyncedAt).toBeGreaterThan(0);
    // The bar was shown while it ran, with the server's total.
    expect(statuses.some((status) => status.catchUp && status.catchUp.total >= NEEDS - 10)).toBe(true);
  });

  it('a page reloaded after 3 batches goes on from the checkpoint of the 3rd (RxDB stores it after every batch)', async () => {
    const reader = await verifiedMunicipality(server);
    let sent = 0;
    let answers = 0;
    /** Set once the phone exists: drops its link like airplane mode. */
    const link = { cut: (): void => undefined };
    const counting = (inner: typeof fetch): typeof fetch => async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (!url.includes('/needs/pull')) return inner(input, init);
      return cutAt(await inner(input, init), (body) => {
        sent += body.documents.length;
        if (body.documents.length > 0 && ++answers === 4) {
          link.cut();
          return true;
        }
        return false;
      });
    };
    const first = await makeClient(server, reader, ['needs'], 'reloaded-phone', { pullBatchSize: BATCH, wrapFetch: counting });
    link.cut = () => first.network.goOffline();
    await waitFor(() => expect(first.network.online).toBe(false), 30_000);
    // The checkpoint write of the last batch is queued, not awaited: give it the moment a tab would have.
    await new Promise((resolve) => setTimeout(resolve, 200));
    phone = await reloadClient(server, first, { wrapFetch: counting });
    const client = phone;
    await waitFor(async () => expect(await client.store.db.needs.count().exec()).toBe(NEEDS), 60_000);
    await client.engine.awaitInSync();
    console.info(`reloaded after 3 of ${NEEDS / BATCH} batches: the server sent ${sent} documents, ${sent - NEEDS} again`);
    expect(sent - NEEDS).toBeLessThanOrEqual(BATCH);
  });
});
