/**
 * The embedded store dies under the server: the server stays up, restarts it and carries on. The
 * two phones belong to two officials of one verified municipality (sessions live in the store too).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import { storeFilePath } from '../../sync-server/store/embedded-store';
import { freshNeed } from '../support/factories';
import { addMember, api, makeClient, startTestServer, syncOnce, verifiedMunicipality, waitFor, type TestClient, type TestServer } from './support/sync-harness';

let server: TestServer;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  const coordinator = await verifiedMunicipality(server);
  a = await makeClient(server, coordinator);
  b = await makeClient(server, await addMember(server, coordinator));
  await Promise.all([syncOnce(a), syncOnce(b)]);
});

afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await server.stop();
});

describe('a crash of the embedded store', () => {
  it('never takes the server down: it is restarted and sync and the live stream resume', async () => {
    const before = await saveDocument(a.store, 'needs', freshNeed({ municipalityId: a.member.municipalityId, title: 'Written before the crash' }));
    await syncOnce(a);
    const { pid } = JSON.parse(fs.readFileSync(storeFilePath(server.dataDir), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');

    const during = await api(server, '/api/sync/needs/pull?limit=1', {}, a.member);
    expect([200, 503]).toContain(during.status);
    await waitFor(async () => expect((await api(server, '/healthz')).status).toBe(200), 20_000);

    const after = await saveDocument(a.store, 'needs', freshNeed({ municipalityId: a.member.municipalityId, title: 'Written after the crash' }));
    await waitFor(async () => {
      const ids = (await b.store.db.needs.find().exec()).map((doc) => doc.id);
      expect(ids).toEqual(expect.arrayContaining([before.id, after.id]));
    }, 30_000);
  });
});
