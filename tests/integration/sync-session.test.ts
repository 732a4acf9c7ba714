/**
 * A session that ends while writes wait (issue 4): the phone learns it from the 401, keeps the
 * writes, and sends them as soon as the member has signed in again, without waiting for its
 * retry time. Real server, real store, a real RxDB client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { PullResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { makeClient, startTestServer, syncOnce, verifiedMunicipality, waitFor, type TestClient, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let member: TestMember;
let client: TestClient;
const signInRequired: boolean[] = [];

beforeAll(async () => {
  server = await startTestServer();
  member = await verifiedMunicipality(server);
  // A retry time far longer than the test waits: a push that goes out in time did not wait for it.
  client = await makeClient(server, member, ['needs'], 'session-phone', { retryTimeMs: 60_000, onSignInRequired: (required) => signInRequired.push(required) });
  await syncOnce(client);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('a session that ends while writes wait', () => {
  it('keeps the write, asks to sign in again, and sends it at once after signing in', async () => {
    expect((await member.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    const need = freshNeed({ municipalityId: member.municipalityId, title: 'Written after the session ended' });
    await saveDocument(client.store, 'needs', need);
    await waitFor(() => expect(signInRequired.at(-1)).toBe(true));
    expect(client.store.outboxes.needs?.size).toBe(1);

    expect((await member.browser.login(member.email)).status).toBe(200);
    // What the app does when the member has signed in again (browser-store.ts).
    client.engine.reSync();
    await waitFor(() => expect(client.store.outboxes.needs?.size).toBe(0), 5_000);
    expect(signInRequired.at(-1)).toBe(false);

    const pulled = await member.browser.request<PullResponse>('GET', '/api/sync/needs/pull?limit=500');
    const stored = pulled.body.documents.find((doc) => doc.id === need.id);
    expect({ title: stored?.title, createdBy: (stored?.meta as { createdBy?: string } | undefined)?.createdBy }).toEqual({ title: need.title, createdBy: member.id });
  });
});
