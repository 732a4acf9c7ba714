/**
 * Push bodies as phones on a slow link send them (gzip'd, app/db/gzip-body.ts) and as an attacker
 * might (a gzip bomb, a broken stream, an unknown encoding), and a batch written over tombstones
 * (read in one `_bulk_get`, sync-server/sync/push.ts).
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Need } from '../../domain/schemas/need';
import { SYNC_LIMITS, type ErrorBody, type PushResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { api, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let official: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  official = await verifiedMunicipality(server);
});

afterAll(async () => {
  await server.stop();
});

function ourNeed(overrides: Partial<Need> = {}): Need {
  return freshNeed({ municipalityId: official.municipalityId, ...overrides });
}

function push(body: BodyInit, headers: Record<string, string> = {}) {
  return api<PushResponse<Need & { _deleted?: boolean }> & ErrorBody>(server, '/api/sync/needs/push', { method: 'POST', body, headers }, official);
}

describe('POST /api/sync/:collection/push, bodies', () => {
  it('accepts a gzip’d body and writes every row', async () => {
    const needs = [ourNeed(), ourNeed()];
    const answer = await push(gzipSync(JSON.stringify(needs.map((need) => ({ newDocumentState: need })))), { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ conflicts: [], refused: [] });
    const pulled = await api<{ documents: Need[] }>(server, '/api/sync/needs/pull?limit=500', {}, official);
    expect(pulled.body.documents.map((doc) => doc.id)).toEqual(expect.arrayContaining(needs.map((need) => need.id)));
  });

  it('refuses a gzip bomb by its inflated size: 413 payload-too-large, nothing written', async () => {
    // A few kilobytes that inflate past the body limit.
    const padding = ' '.repeat(SYNC_LIMITS.maxBodyBytes + 1024);
    const bomb = gzipSync(`[{"newDocumentState":${JSON.stringify(ourNeed())}}${padding}]`);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const answer = await push(bomb, { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload-too-large');
  });

  it('answers a broken gzip stream with a 4xx error body, and an unknown encoding with 415', async () => {
    const broken = gzipSync(JSON.stringify([{ newDocumentState: ourNeed() }])).subarray(0, 40);
    const cut = await push(broken, { 'content-encoding': 'gzip' });
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(cut.status).toBeLessThan(500);
    expect(typeof cut.body.error.code).toBe('string');
    const unknown = await push(JSON.stringify([{ newDocumentState: ourNeed() }]), { 'content-encoding': 'x-squash' });
    expect(unknown.status).toBe(415);
    expect(typeof unknown.body.error.code).toBe('string');
  });
});

describe('POST /api/sync/:collection/push over tombstones', () => {
  it('returns every tombstone of a batch as a conflict, with its body, when the phone pushes the documents as new', async () => {
    // Only drafts are deleted (a published need is withdrawn instead).
    const needs = [ourNeed({ status: 'draft' }), ourNeed({ status: 'draft' }), ourNeed({ status: 'draft' })];
    expect((await push(JSON.stringify(needs.map((need) => ({ newDocumentState: need }))))).body).toEqual({ conflicts: [], refused: [] });
    const pulled = (await api<{ documents: Need[] }>(server, '/api/sync/needs/pull?limit=500', {}, official)).body.documents;
    const stored = needs.map((need) => pulled.find((doc) => doc.id === need.id)!);
    const deletions = stored.slice(0, 2).map((doc) => ({ assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } }));
    expect((await push(JSON.stringify(deletions))).body).toEqual({ conflicts: [], refused: [] });

    // A phone that never heard of the deletions pushes the first two as new, with a third new need.
    const third = ourNeed();
    const answer = await push(JSON.stringify([...needs.slice(0, 2).map((need) => ({ newDocumentState: { ...need, title: 'Edited offline' } })), { newDocumentState: third }]));
    expect(answer.status).toBe(200);
    expect(answer.body.refused).toEqual([]);
    expect(answer.body.conflicts.map((doc) => doc.id).sort()).toEqual(needs.slice(0, 2).map((need) => need.id).sort());
    for (const conflict of answer.body.conflicts) {
      expect(conflict._deleted).toBe(true);
      // Ours keep their body: the phone's merge sees what was deleted.
      expect(conflict.title).toBe(needs.find((need) => need.id === conflict.id)!.title);
    }
  });
});
