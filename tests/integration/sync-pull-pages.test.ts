/**
 * The streamed pull (`GET /api/sync/:collection/pull?pages=N`, sync-server/sync/pull.ts): one
 * answer carries up to N pages as a JSON array, one page per line, and each page is exactly what a
 * plain pull from the checkpoint before it answers, so a phone can store them one by one and
 * continue from any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, PullResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { api, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

const NEEDS = 250;
let server: TestServer;
let reader: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  const poster = await verifiedMunicipality(server);
  reader = await verifiedMunicipality(server);
  for (let start = 0; start < NEEDS; start += 200) {
    const rows = Array.from({ length: Math.min(200, NEEDS - start) }, () => ({ newDocumentState: { ...freshNeed({ municipalityId: poster.municipalityId }), _deleted: false } }));
    expect((await api(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify(rows) }, poster)).status).toBe(200);
  }
});

afterAll(async () => {
  await server.stop();
});

describe('GET /api/sync/:collection/pull?pages=N', () => {
  it('401 without a session, 400 for a page count out of range', async () => {
    expect((await api(server, '/api/sync/needs/pull?pages=5')).status).toBe(401);
    for (const pages of ['0', '201', 'two']) {
      const { status, body } = await api<ErrorBody>(server, `/api/sync/needs/pull?pages=${pages}`, {}, reader);
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid-request');
    }
  });

  it('streams every page to the end in one answer, one per line, each as a plain pull from the checkpoint before it answers', async () => {
    const { status, body: text } = await rawText(`/api/sync/needs/pull?limit=100&pages=10`);
    expect(status).toBe(200);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.at(-1)).toBe(']');
    const pages = JSON.parse(text) as PullResponse[];
    expect(pages.map((page) => page.documents.length)).toEqual([100, 100, 50]);
    expect(pages.at(-1)!.remaining).toBe(0);
    expect(new Set(pages.flatMap((page) => page.documents.map((doc) => doc.id))).size).toBe(NEEDS);

    let checkpoint = '';
    for (const page of pages) {
      const plain = await api<PullResponse>(server, `/api/sync/needs/pull?limit=100${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`, {}, reader);
      expect(plain.body.documents.map((doc) => doc.id)).toEqual(page.documents.map((doc) => doc.id));
      expect(plain.body.checkpoint).toEqual(page.checkpoint);
      checkpoint = page.checkpoint.seq;
    }
  });

  it('stops after N pages; the next answer continues from the last page’s checkpoint', async () => {
    const first = JSON.parse((await rawText('/api/sync/needs/pull?limit=100&pages=2')).body) as PullResponse[];
    expect(first.map((page) => page.documents.length)).toEqual([100, 100]);
    expect(first.at(-1)!.remaining).toBeGreaterThan(0);
    const rest = JSON.parse((await rawText(`/api/sync/needs/pull?limit=100&pages=2&checkpoint=${encodeURIComponent(first.at(-1)!.checkpoint.seq)}`)).body) as PullResponse[];
    expect(rest.map((page) => page.documents.length)).toEqual([50]);
    expect(new Set([...first, ...rest].flatMap((page) => page.documents.map((doc) => doc.id))).size).toBe(NEEDS);
  });
});

async function rawText(pathname: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${server.url}${pathname}`, { headers: { cookie: reader.browser.cookieHeader ?? '' } });
  return { status: response.status, body: await response.text() };
}
