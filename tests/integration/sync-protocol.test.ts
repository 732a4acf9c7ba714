/**
 * The sync protocol over raw HTTP against the real server and store, as a verified official whose
 * needs belong to their municipality: one describe per route. Who may sync what is in
 * sync-permissions.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Need } from '../../domain/schemas/need';
import type { ErrorBody, PullResponse, PushResponse, StreamEvent } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { openStream } from './support/stream';
import { api, startTestServer, verifiedMunicipality, waitFor, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let official: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  official = await verifiedMunicipality(server);
});

afterAll(async () => {
  await server.stop();
});

const wire = (need: Need) => ({ ...need, _deleted: false });

/** A new need of the official's municipality. */
function ourNeed(overrides: Partial<Need> = {}): Need {
  return freshNeed({ municipalityId: official.municipalityId, ...overrides });
}

/** Raw HTTP as the official. */
function as<T>(pathname: string, init: RequestInit = {}) {
  return api<T>(server, pathname, init, official);
}

function push(rows: unknown) {
  return as<PushResponse<Need> & ErrorBody>('/api/sync/needs/push', { method: 'POST', body: JSON.stringify(rows) });
}

async function pullAll(): Promise<Need[]> {
  return (await pullFrom('')).documents;
}

/** Pulls every need after `checkpoint`: them, and the checkpoint after the last. */
async function pullFrom(checkpoint: string): Promise<{ documents: Need[]; checkpoint: string }> {
  const documents: Need[] = [];
  for (;;) {
    const { body } = await as<PullResponse<Need>>(`/api/sync/needs/pull?limit=50&checkpoint=${encodeURIComponent(checkpoint)}`);
    documents.push(...body.documents);
    checkpoint = body.checkpoint.seq;
    if (body.documents.length < 50) return { documents, checkpoint };
  }
}

describe('POST /api/sync/:collection/push', () => {
  it('answers 400 with the JSON error shape to a body that is not a push, and keeps serving', async () => {
    for (const body of ['{"not":"a push"}', '[{"nothing":1}]', '[1,2]', 'not json']) {
      const { status, body: answer } = await as<ErrorBody>('/api/sync/needs/push', { method: 'POST', body });
      expect(status).toBe(400);
      expect(answer.error.code).toBe('invalid-request');
      expect(answer.error.message).toMatch(/\w/);
    }
    expect((await api(server, '/healthz')).status).toBe(200);
  });

  it('answers 404 unknown-collection for a collection that does not exist', async () => {
    const { status, body } = await as<ErrorBody>('/api/sync/passwords/push', { method: 'POST', body: '[]' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('unknown-collection');
  });

  it('refuses a document that fails its schema with field errors and writes the rest of the batch', async () => {
    const good = ourNeed();
    const bad = ourNeed({ title: 'x', quantity: -3 });
    const { status, body } = await push([{ newDocumentState: wire(bad) }, { newDocumentState: wire(good) }]);
    expect(status).toBe(200);
    expect(body.conflicts).toEqual([]);
    expect(body.refused).toHaveLength(1);
    expect(body.refused[0]).toMatchObject({ id: bad.id, code: 'invalid-document' });
    expect(body.refused[0]!.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'title' }), expect.objectContaining({ field: 'quantity' })]),
    );
    const stored = await pullAll();
    expect(stored.map((doc) => doc.id)).toContain(good.id);
    expect(stored.map((doc) => doc.id)).not.toContain(bad.id);
  });

  it('a retried push (the response was lost) changes nothing and reports no false conflict', async () => {
    const need = ourNeed();
    const rows = [{ newDocumentState: wire(need) }];
    expect((await push(rows)).body).toEqual({ conflicts: [], refused: [] });
    const first = (await pullAll()).find((doc) => doc.id === need.id)!;
    expect((await push(rows)).body).toEqual({ conflicts: [], refused: [] });
    const second = (await pullAll()).find((doc) => doc.id === need.id)!;
    expect(second.meta?.serverUpdatedAt).toBe(first.meta?.serverUpdatedAt);
  });

  it('sets server fields itself and ignores the ones a client sends', async () => {
    const need = ourNeed({ meta: { createdAt: 1, createdBy: 'someone-else', serverUpdatedAt: 1 } });
    await push([{ newDocumentState: wire(need) }]);
    const stored = (await pullAll()).find((doc) => doc.id === need.id)!;
    expect(stored.meta?.createdAt).toBeGreaterThan(1_700_000_000_000);
    expect(stored.meta?.createdBy).toBe(official.id);
    expect(stored.meta?.updatedBy).toBe(official.id);
  });

  it('clamps an updatedAt far in the server future (a phone with a wrong clock cannot win every merge)', async () => {
    const need = ourNeed({ updatedAt: Date.now() + 365 * 24 * 3600 * 1000 });
    await push([{ newDocumentState: wire(need) }]);
    const stored = (await pullAll()).find((doc) => doc.id === need.id)!;
    expect(stored.updatedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe('GET /api/sync/:collection/pull', () => {
  it('rejects a bad limit, and reads a malformed checkpoint as "from the beginning" (sync-checkpoints.test.ts)', async () => {
    expect((await as<ErrorBody>('/api/sync/needs/pull?limit=0')).body.error.code).toBe('invalid-request');
    expect((await as<ErrorBody>('/api/sync/needs/pull?limit=100000')).status).toBe(400);
    const malformed = await as<PullResponse<Need>>('/api/sync/needs/pull?checkpoint=%22x%20y%22');
    expect(malformed.status).toBe(200);
    expect(malformed.body.checkpoint.seq).toMatch(/~/);
  });

  it('pages through everything with opaque checkpoints and reports what remains', async () => {
    const needs = Array.from({ length: 25 }, () => ourNeed());
    await push(needs.map((need) => ({ newDocumentState: wire(need) })));
    const first = await as<PullResponse<Need>>('/api/sync/needs/pull?limit=10');
    expect(first.body.documents).toHaveLength(10);
    expect(typeof first.body.checkpoint.seq).toBe('string');
    expect(first.body.remaining).toBeGreaterThan(0);
    const all = await pullAll();
    for (const need of needs) expect(all.map((doc) => doc.id)).toContain(need.id);
    expect(all.every((doc) => (doc as Need & { _deleted?: boolean })._deleted === false && !('_rev' in doc) && !('_id' in doc))).toBe(true);
  });
});

describe('GET /api/sync/stream', () => {
  it('is one uncompressed event stream that carries new documents of every collection', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/sync/stream`, {
      signal: controller.signal,
      headers: { 'accept-encoding': 'gzip', cookie: official.browser.cookieHeader! },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('content-encoding')).toBeNull();
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const need = ourNeed();
    await push([{ newDocumentState: wire(need) }]);
    let text = '';
    await waitFor(async () => {
      const { value } = await reader.read();
      text += value ?? '';
      expect(text).toContain(need.id);
    });
    expect(text).toMatch(/event: change\ndata: \{"collection":"needs","documents":\[/);
    controller.abort();
  });

  it('opened after a stretch with no stream open, gets the next change, and its checkpoints miss nothing', async () => {
    const before = (await pullFrom('')).checkpoint;
    await waitFor(() => expect(server.hub.subscriberCount).toBe(0));
    // Written while nobody streams: the hub does not even read these changes.
    const quiet = [ourNeed(), ourNeed(), ourNeed()];
    for (const need of quiet) expect((await push([{ newDocumentState: wire(need) }])).body).toEqual({ conflicts: [], refused: [] });
    // Longer than the batch window: the feed has passed them before the stream opens.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const stream = await openStream(server, official);
    try {
      const next = ourNeed();
      await push([{ newDocumentState: wire(next) }]);
      const event = await waitFor(() => {
        const found = stream.events.find((candidate) => 'documents' in candidate && candidate.documents.some((doc) => doc.id === next.id));
        expect(found).toBeDefined();
        return found as Extract<StreamEvent, { documents: unknown }>;
      });
      // The connection's own pull (a RESYNC on every connection) brings what the stream did not carry.
      expect((await pullFrom(before)).documents.map((need) => need.id)).toEqual([...quiet, next].map((need) => need.id));
      // The event's checkpoint stands right after `next`: a pull from it brings exactly what came later.
      const after = ourNeed();
      await push([{ newDocumentState: wire(after) }]);
      expect((await pullFrom(event.checkpoint.seq)).documents.map((need) => need.id)).toEqual([after.id]);
    } finally {
      stream.close();
    }
  });
});

describe('GET /healthz and unknown routes', () => {
  it('reports the store up, and answers unknown API routes with a JSON 404', async () => {
    expect((await api(server, '/healthz')).body).toEqual({ status: 'ok', store: 'up' });
    const missing = await api<ErrorBody>(server, '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
  });
});
