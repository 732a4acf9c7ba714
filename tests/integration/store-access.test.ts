/**
 * The embedded store is reachable by every local process on its loopback port, and its files sit
 * under DATA_DIR: both must be closed to everyone but the sync server (issue 8). Requests without
 * the admin credentials of store.json are refused with 401 (CouchDB's `require_valid_user`) and
 * never crash it; nothing under DATA_DIR is readable by group or others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFilePath } from '../../sync-server/store/embedded-store';
import { startTestServer, type TestServer } from './support/sync-harness';

let server: TestServer;
let store: { url: string; user: string; password: string; pid: number };

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function ask(method: string, pathname: string, authorization?: string, body?: unknown) {
  const response = await fetch(`${store.url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null, challenge: response.headers.get('www-authenticate') };
}

/** Every kind of request a local process might try: reads of private databases, writes, admin calls. */
const REQUESTS: [method: string, pathname: string, body?: unknown][] = [
  ['GET', '/'],
  ['GET', '/_all_dbs'],
  ['GET', '/_session'],
  ['GET', '/_config'],
  ['GET', '/c4c_accounts/_all_docs?include_docs=true'],
  ['GET', '/c4c_sessions/_all_docs'],
  ['GET', '/c4c_needs/_changes?since=0&include_docs=true'],
  ['GET', '/c4c_needs/_changes?feed=continuous&timeout=100'],
  ['POST', '/c4c_needs', { _id: 'planted', title: 'written by an outsider' }],
  ['POST', '/c4c_needs/_bulk_docs', { docs: [{ _id: 'planted2' }] }],
  ['PUT', '/a_new_database'],
  ['DELETE', '/c4c_needs'],
  ['POST', '/_session', { name: 'c4c_admin', password: 'guess' }],
  ['PUT', '/_config/admins/intruder', 'a password'],
];

beforeAll(async () => {
  server = await startTestServer();
  store = JSON.parse(fs.readFileSync(storeFilePath(server.dataDir), 'utf8')) as typeof store;
});

afterAll(async () => {
  await server.stop();
});

describe('the embedded store', () => {
  it.each([
    ['no credentials', undefined],
    ['a wrong password', () => basic(store.user, `${store.password}x`)],
    ['a wrong user', () => basic('admin', store.password)],
    ['an empty password', () => basic(store.user, '')],
    ['a malformed Basic header', () => 'Basic !!!not-base64'],
    ['a bearer token', () => `Bearer ${store.password}`],
  ])('refuses every request with %s: 401 unauthorized, and stays up', async (_label, authorization) => {
    for (const [method, pathname, body] of REQUESTS) {
      const answer = await ask(method, pathname, authorization?.(), body);
      expect({ request: `${method} ${pathname}`, status: answer.status, error: answer.body?.error }).toEqual({
        request: `${method} ${pathname}`,
        status: 401,
        error: 'unauthorized',
      });
      expect(answer.body?.reason).toEqual(expect.any(String));
      expect(answer.challenge).toMatch(/^Basic /);
    }
    expect(() => process.kill(store.pid, 0)).not.toThrow();
    expect((await ask('GET', '/', basic(store.user, store.password))).status).toBe(200);
  });

  it('wrote nothing for the refused requests', async () => {
    const admin = basic(store.user, store.password);
    expect((await ask('GET', '/c4c_needs/planted', admin)).status).toBe(404);
    expect((await ask('GET', '/c4c_needs/planted2', admin)).status).toBe(404);
    expect((await ask('GET', '/a_new_database', admin)).status).toBe(404);
    expect((await ask('GET', '/c4c_needs', admin)).status).toBe(200);
  });

  it('answers the admin credentials of store.json (the sync server, CLI tools)', async () => {
    const admin = basic(store.user, store.password);
    expect((await ask('GET', '/_session', admin)).body).toMatchObject({ userCtx: { name: store.user, roles: expect.arrayContaining(['_admin']) as unknown } });
    expect((await ask('GET', '/_all_dbs', admin)).body).toEqual(expect.arrayContaining(['c4c_accounts', 'c4c_needs']));
    expect((await ask('PUT', '/scratch_db', admin)).status).toBe(201);
    expect((await ask('POST', '/scratch_db', admin, { _id: 'x' })).status).toBe(201);
    expect((await ask('DELETE', '/scratch_db', admin)).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('keeps every file and directory under DATA_DIR private to its owner (no group or other bits)', async () => {
    // A write, so the store has written data, logs and config by now.
    expect((await ask('POST', '/c4c_needs', basic(store.user, store.password), { _id: 'private-check' })).status).toBe(201);
    const open: string[] = [];
    const visit = (target: string) => {
      const mode = fs.statSync(target).mode & 0o777;
      if ((mode & 0o077) !== 0) open.push(`${path.relative(server.dataDir, target) || '.'} ${mode.toString(8)}`);
      if (fs.statSync(target).isDirectory()) for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
    };
    visit(server.dataDir);
    expect(open).toEqual([]);
    expect(fs.readdirSync(path.join(server.dataDir, 'store'))).toEqual(expect.arrayContaining(['config.json', 'c4c_accounts']));
  });
});

describe('files of an existing DATA_DIR written before this fix', () => {
  it('are made private when the store starts', async () => {
    await server.stop();
    const accounts = path.join(server.dataDir, 'store', 'c4c_accounts');
    const loose = [path.join(server.dataDir, 'store', 'config.json'), accounts, path.join(accounts, 'CURRENT')];
    for (const target of loose) fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o755 : 0o644);
    fs.chmodSync(server.dataDir, 0o755);
    server = await startTestServer(server.dataDir);
    store = JSON.parse(fs.readFileSync(storeFilePath(server.dataDir), 'utf8')) as typeof store;
    for (const target of [server.dataDir, ...loose]) expect({ target, mode: (fs.statSync(target).mode & 0o077).toString(8) }).toEqual({ target, mode: '0' });
  });
});
