/**
 * Checkpoints the server cannot continue from (issue 8, DESIGN.md "Where this file refines the
 * issue texts" → Checkpoints), and `remaining` as a document count, against the real server on the
 * real embedded store: junk and future checkpoints start over, a store restored from an older backup
 * or a database recreated restarts every phone, and `remaining` follows the truth batch by batch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { Need } from '../../domain/schemas/need';
import type { PullResponse, StreamEvent } from '../../domain/sync-protocol';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { freshNeed } from '../support/factories';
import { openStream } from './support/stream';
import {
  addMember,
  api,
  documentsOf,
  makeClient,
  pendingMunicipality,
  startTestServer,
  syncOnce,
  verifiedMunicipality,
  waitFor,
  type TestClient,
  type TestMember,
  type TestServer,
} from './support/sync-harness';

let server: TestServer;
let official: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  official = await verifiedMunicipality(server);
});

afterAll(async () => {
  await server.stop();
});

/** What a checkpoint object becomes when a phone puts it into a URL as is. */
const OBJECT_AS_STRING = '[object Object]';

const wire = (need: Need) => ({ ...need, _deleted: false });

async function pushNeeds(member: TestMember, count: number): Promise<Need[]> {
  const needs = Array.from({ length: count }, () => freshNeed({ municipalityId: member.municipalityId }));
  const { status } = await api(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify(needs.map((need) => ({ newDocumentState: wire(need) }))) }, member);
  expect(status).toBe(200);
  return needs;
}

/** One pull of needs as `member`, from a raw query string (the checkpoint as a phone would send it). */
async function pull(member: TestMember, query: string): Promise<PullResponse<Need>> {
  const { status, body } = await api<PullResponse<Need>>(server, `/api/sync/needs/pull?${query}`, {}, member);
  expect(status).toBe(200);
  return body;
}

/** Every page from `checkpoint` on, with the `remaining` reported after each. */
async function pullPages(member: TestMember, checkpoint: string, limit: number): Promise<{ ids: string[][]; remaining: number[]; checkpoint: string }> {
  const ids: string[][] = [];
  const remaining: number[] = [];
  for (;;) {
    const body = await pull(member, `limit=${limit}&checkpoint=${encodeURIComponent(checkpoint)}`);
    ids.push(body.documents.map((doc) => doc.id));
    remaining.push(body.remaining);
    checkpoint = body.checkpoint.seq;
    if (body.documents.length < limit) return { ids, remaining, checkpoint };
  }
}

describe('a checkpoint the server cannot continue from', () => {
  it('a junk or future checkpoint starts over from the beginning, and later writes arrive (never silence, never a 400 loop)', async () => {
    const [first] = await pushNeeds(official, 3);
    const caughtUp = (await pull(official, 'limit=500')).checkpoint.seq;
    const tag = caughtUp.slice(0, caughtUp.indexOf('~'));
    const withSeq = (seq: string) => caughtUp.replace(/[^~]*$/, seq);
    const junk: Record<string, string> = {
      'a sequence past any end': `checkpoint=${tag}~9007199254740991`,
      'garbage': `checkpoint=${tag}~garbage`,
      'a CouchDB 3 sequence that is junk': `checkpoint=${tag}~12-g1AAAAjunk`,
      'a sequence past the end of the feed': `checkpoint=${tag}~${9999}`,
      'an object turned into a string': `checkpoint=${tag}~${encodeURIComponent(OBJECT_AS_STRING)}`,
      '[object Object]': `checkpoint=${encodeURIComponent(OBJECT_AS_STRING)}`,
      'whitespace and quotes': `checkpoint=${encodeURIComponent('"x y"')}`,
      'a huge string': `checkpoint=${'9'.repeat(9_000)}`,
      'a repeated parameter': `checkpoint=${encodeURIComponent(caughtUp)}&checkpoint=1`,
      'a current checkpoint whose sequence is past the end': `checkpoint=${encodeURIComponent(withSeq('9999'))}`,
      'a current checkpoint whose sequence is garbage': `checkpoint=${encodeURIComponent(withSeq('garbage'))}`,
      'a current checkpoint whose sequence is a junk CouchDB 3 one': `checkpoint=${encodeURIComponent(withSeq('12-g1AAAAjunk'))}`,
      'a current checkpoint with no sequence': `checkpoint=${encodeURIComponent(withSeq(''))}`,
    };
    for (const [label, query] of Object.entries(junk)) {
      const restarted = await pullPages(official, '', 500).then(() => pull(official, `limit=500&${query}`));
      expect(restarted.documents.map((doc) => doc.id), label).toContain(first!.id);
      const [later] = await pushNeeds(official, 1);
      const next = await pull(official, `limit=500&checkpoint=${encodeURIComponent(restarted.checkpoint.seq)}`);
      expect(next.documents.map((doc) => doc.id), label).toEqual([later!.id]);
    }
  });

  it('a checkpoint of a stream event, or one issued before the server restarted, is continued, not started over', async () => {
    const checkpoint = (await pullPages(official, '', 500)).checkpoint;
    const stream = await openStream(server, official);
    const [streamed] = await pushNeeds(official, 1);
    const event = await waitFor(() => {
      const found = stream.events.find((candidate) => 'documents' in candidate && candidate.documents.some((doc) => doc.id === streamed!.id));
      expect(found).toBeDefined();
      return found as Extract<StreamEvent, { checkpoint: unknown }>;
    });
    stream.close();
    const [later] = await pushNeeds(official, 1);
    expect((await pull(official, `limit=500&checkpoint=${encodeURIComponent(event.checkpoint.seq)}`)).documents.map((doc) => doc.id)).toEqual([later!.id]);

    // A fresh server instance has remembered nothing: it asks the store whether the checkpoint's last change is still there.
    server = await server.restart();
    const next = await pullPages(official, checkpoint, 500);
    expect(next.ids.flat()).toEqual([streamed!.id, later!.id]);
  });

  it('a database deleted and recreated restarts phones', async () => {
    const before = await pushNeeds(official, 5);
    const checkpoint = (await pullPages(official, '', 500)).checkpoint;
    const address = await findRunningStore(server.dataDir);
    const store = new Couch(authenticatedUrl(address!), 'c4c_');
    await store.nano.db.destroy(store.dbName('needs'));
    await store.nano.db.create(store.dbName('needs'));
    const after = await pushNeeds(official, 2);
    const next = await pullPages(official, checkpoint, 500);
    const ids = next.ids.flat();
    expect(ids).toEqual(expect.arrayContaining(after.map((need) => need.id)));
    for (const need of before) expect(ids).not.toContain(need.id);
  });
});

describe('remaining', () => {
  it('estimates the documents still to come at every batch and reaches 0 at the end', async () => {
    // A fresh reader of a fresh municipality whose needs all come after its first checkpoint.
    const reader = await verifiedMunicipality(server);
    const start = (await pullPages(reader, '', 500)).checkpoint;
    await pushNeeds(reader, 47);
    const { ids, remaining } = await pullPages(reader, start, 10);
    const counts = ids.map((page) => page.length);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(47);
    counts.forEach((_, index) => {
      const truth = counts.slice(index + 1).reduce((sum, count) => sum + count, 0);
      expect(Math.abs(remaining[index]! - truth), `batch ${index}: remaining ${remaining[index]} for ${truth}`).toBeLessThanOrEqual(Math.max(3, truth * 0.1));
    });
    expect(remaining.at(-1)).toBe(0);
  });

  it('when filtering drops documents, is an upper bound that reaches 0 at the end', async () => {
    const pending = await pendingMunicipality(server);
    const start = (await pullPages(pending, '', 500)).checkpoint;
    await pushNeeds(official, 20);
    await pushNeeds(pending, 6);
    await pushNeeds(official, 20);
    const { ids, remaining } = await pullPages(pending, start, 2);
    const counts = ids.map((page) => page.length);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(6);
    counts.forEach((_, index) => {
      const truth = counts.slice(index + 1).reduce((sum, count) => sum + count, 0);
      expect(remaining[index]!, `batch ${index}`).toBeGreaterThanOrEqual(truth);
    });
    expect(remaining.at(-1)).toBe(0);
  });
});

describe('a store restored from an older backup', () => {
  let a: TestClient;
  let b: TestClient;

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  async function restartWith(prepare: () => void): Promise<void> {
    const { dataDir, port } = server;
    await server.stop();
    prepare();
    server = await startTestServer(dataDir, port);
  }

  const storeDir = () => path.join(server.dataDir, 'store');

  it('restarts both phones, which converge with the server again and keep their unpushed writes', async () => {
    const coordinator = await verifiedMunicipality(server);
    a = await makeClient(server, coordinator, ['needs'], 'restore-a');
    b = await makeClient(server, await addMember(server, coordinator), ['needs'], 'restore-b');
    const mine = { municipalityId: coordinator.municipalityId };
    const original = await saveDocument(a.store, 'needs', freshNeed({ ...mine, title: 'Written before the backup' }));
    await syncOnce(a);
    await syncOnce(b);

    const backup = fs.mkdtempSync(path.join(server.dataDir, '..', 'c4c-backup-'));
    await restartWith(() => fs.cpSync(storeDir(), backup, { recursive: true }));

    await saveDocument(a.store, 'needs', { ...original, title: 'Edited after the backup' });
    const lost = await saveDocument(a.store, 'needs', freshNeed({ ...mine, title: 'Written after the backup' }));
    // Enough writes after the backup that the restored feed's next sequences are all behind the phones' checkpoints.
    for (let i = 0; i < 5; i++) await saveDocument(a.store, 'needs', freshNeed({ ...mine, title: `After the backup ${i}` }));
    await syncOnce(a);
    await syncOnce(b);
    expect((await documentsOf(b)).map((doc) => doc.id)).toContain(lost.id);

    b.network.goOffline();
    const unpushed = await saveDocument(b.store, 'needs', freshNeed({ ...mine, title: 'Written on B while the store was restored' }));
    await restartWith(() => {
      fs.rmSync(storeDir(), { recursive: true, force: true });
      fs.cpSync(backup, storeDir(), { recursive: true });
      fs.rmSync(backup, { recursive: true, force: true });
    });

    // The realistic failure: by the time the phones come back, the restored feed has passed their
    // old sequences, so only the revision they last saw shows that the store went back in time.
    const overtaking = await pushNeeds(coordinator, 20);
    await syncOnce(a);
    await syncOnce(b);
    const afterRestore = await saveDocument(a.store, 'needs', freshNeed({ ...mine, title: 'Written after the restore' }));
    await syncOnce(a);
    await syncOnce(b);
    await syncOnce(a);

    // The server's documents as a phone of this municipality reads them from the beginning.
    const onServer = new Map<string, Need>();
    let checkpoint = '';
    for (;;) {
      const body = await pull(coordinator, `limit=500&checkpoint=${encodeURIComponent(checkpoint)}`);
      for (const doc of body.documents) onServer.set(doc.id, doc);
      checkpoint = body.checkpoint.seq;
      if (body.documents.length < 500) break;
    }
    // The restore lost A's confirmed edit and new needs; A offered them again (app/db/store-restart.ts).
    expect(onServer.get(original.id)?.title).toBe('Edited after the backup');
    expect([...onServer.keys()]).toEqual(expect.arrayContaining([lost.id, unpushed.id, afterRestore.id, ...overtaking.map((need) => need.id)]));
    await waitFor(async () => {
      for (const phone of [a, b]) {
        const local = new Map((await documentsOf(phone)).map((doc) => [doc.id as string, doc]));
        for (const [id, doc] of onServer) expect(local.get(id), `${phone.name} ${id}`).toMatchObject({ title: doc.title, updatedAt: doc.updatedAt });
      }
    });
  });
});
