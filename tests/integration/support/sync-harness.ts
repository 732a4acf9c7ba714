/**
 * Real server + real embedded store + real RxDB clients (Node, memory storage, dev-mode and schema
 * validation on) for sync tests: `startTestServer()` (with a moderator from ADMIN_EMAIL),
 * the people of a test (`moderatorOf`, `verifiedMunicipality`, `pendingMunicipality`, `addMember`,
 * made through the real auth, moderation and invitation routes), `makeClient(server, member)` (a
 * phone signed in as that member; `reloadClient` reopens it on the same storage, as a page reload
 * does), a `ClientPool` that makes a test file's phones and closes them together, `syncOnce(client)`,
 * `expectSameState(a, b)`, a network switch per client to take it offline, `overridingFetch` for
 * phones whose requests of one kind get another answer, and `serverWithOneMember()` for files that
 * need no more than one member.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addRxPlugin, type RxStorage } from 'rxdb/plugins/core';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CollectionName } from '../../../domain/collections';
import { openLocalStore, type LocalStore } from '../../../app/db/local-store';
import { startSync, type SyncEngine, type SyncOptions } from '../../../app/db/replication';
import { loadConfig } from '../../../sync-server/config';
import { createLogger } from '../../../sync-server/logger';
import { startServer, type RunningServer } from '../../../sync-server/start';
import { addMember as addMemberOver, registerMunicipality, signInModerator, TEST_ADMIN, verifiedMunicipality as verifiedMunicipalityOver, type TestMember } from './accounts';

export type { TestMember } from './accounts';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

export type TestServer = RunningServer & { dataDir: string; port: number; restart(): Promise<TestServer> };

/**
 * Starts the real sync server on a fresh DATA_DIR (or the given one) and port, with extra
 * environment (e.g. limits). ADMIN_EMAIL/ADMIN_PASSWORD default to TEST_ADMIN, the moderator of `moderatorOf`.
 */
export async function startTestServer(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-int-')),
  port = 0,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const withAdmin = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password, ...env };
  const config = loadConfig({ ...withAdmin, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const running = await startServer(config, createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'));
  const actualPort = Number(new URL(running.url).port);
  return {
    ...running,
    dataDir,
    port: actualPort,
    async restart() {
      await running.stop();
      return startTestServer(dataDir, actualPort, env);
    },
  };
}

/** The moderator of a test server, signed in once per server (sessions survive restarts). */
const moderators = new Map<string, Promise<TestMember>>();

export function moderatorOf(server: { url: string }): Promise<TestMember> {
  let moderator = moderators.get(server.url);
  if (!moderator) {
    moderator = signInModerator(server.url);
    moderators.set(server.url, moderator);
  }
  return moderator;
}

/** The coordinator (active) of a newly registered municipality that the moderator verified. */
export function verifiedMunicipality(server: { url: string }): Promise<TestMember> {
  return verifiedMunicipalityOver(server.url, moderatorOf(server));
}

/** The coordinator (pending) of a newly registered municipality nobody has verified yet. */
export function pendingMunicipality(server: { url: string }): Promise<TestMember> {
  return registerMunicipality(server.url);
}

/** A new official of `coordinator`'s municipality, invited, signed in and (unless `verify` is false) admitted by the moderator. */
export async function addMember(server: { url: string }, coordinator: TestMember, { verify = true, displayName }: { verify?: boolean; displayName?: string } = {}): Promise<TestMember> {
  return addMemberOver(server.url, coordinator, verify ? await moderatorOf(server) : null, displayName);
}

/** A fetch that can be switched off like a phone in airplane mode (in-flight requests are cut too). */
export class NetworkSwitch {
  online = true;
  private readonly inFlight = new Set<AbortController>();

  /** `cookie()` is the Cookie header of the phone's session (Node's fetch keeps no cookie jar). */
  constructor(private readonly cookie: () => string | null = () => null) {}

  /** When set, the next push reaches the server but its answer is lost, and the phone goes offline. */
  loseNextPushAnswer = false;

  readonly fetch: typeof fetch = async (input, given) => {
    if (!this.online) throw new TypeError('Failed to fetch (offline)');
    const init = this.withCookie(given);
    if (this.loseNextPushAnswer && (input instanceof Request ? input.url : input.toString()).includes('/push')) {
      this.loseNextPushAnswer = false;
      await fetch(input, init);
      this.goOffline();
      throw new TypeError('Failed to fetch (the answer was lost)');
    }
    const controller = new AbortController();
    init.signal?.addEventListener('abort', () => controller.abort(init.signal?.reason));
    this.inFlight.add(controller);
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      this.inFlight.delete(controller);
    }
  };

  private withCookie(init: RequestInit = {}): RequestInit {
    const cookie = this.cookie();
    if (!cookie) return init;
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    return { ...init, headers };
  }

  goOffline(): void {
    this.online = false;
    for (const controller of this.inFlight) controller.abort(new TypeError('Failed to fetch (offline)'));
  }
}

export type TestClient = {
  name: string;
  member: TestMember;
  store: LocalStore;
  engine: SyncEngine;
  network: NetworkSwitch;
  /** What `reloadClient` reopens: the same storage and database name. */
  reopen: { storage: RxStorage<unknown, unknown>; databaseName: string; collections: readonly CollectionName[]; options: ClientOptions };
  close(): Promise<void>;
};

/** Sync options, plus the storage to open the phone's database on and a wrapper around its network. */
export type ClientOptions = Partial<SyncOptions> & {
  storage?: RxStorage<unknown, unknown>;
  databaseName?: string;
  /** Wraps the phone's fetch (after its network switch and session cookie), e.g. to record or hold requests. */
  wrapFetch?: (inner: typeof fetch) => typeof fetch;
};

let clientCounter = 0;

/** A phone signed in as `member`: its own database, replicating with the server through its own network switch. */
export async function makeClient(
  server: { url: string },
  member: TestMember,
  collections: readonly CollectionName[] = ['needs'],
  name = `client${++clientCounter}`,
  options: ClientOptions = {},
): Promise<TestClient> {
  const { storage = wrappedValidateAjvStorage({ storage: getRxStorageMemory() }), databaseName, wrapFetch, ...syncOptions } = options;
  // A subset of collections: RxDB's free tier counts collections across the whole test process.
  const dbName = databaseName ?? `${name}-${Date.now()}-${clientCounter}`;
  const store = await openLocalStore(storage, dbName, collections);
  const network = new NetworkSwitch(() => member.browser.cookieHeader);
  const engine = startSync(store, {
    baseUrl: server.url,
    fetch: wrapFetch ? wrapFetch(network.fetch) : network.fetch,
    retryTimeMs: 300,
    streamMinDelayMs: 100,
    requestTimeoutMs: 10_000,
    ...syncOptions,
  });
  return {
    name,
    member,
    store,
    engine,
    network,
    reopen: { storage, databaseName: dbName, collections, options },
    async close() {
      await engine.stop();
      if (!store.db.closed) await store.db.close();
    },
  };
}

/**
 * The phones of a test file on one server, closed together: `add` makes a phone (makeClient) and
 * keeps it, `push` keeps phones made otherwise, `closeAll` (in afterEach or afterAll) closes every
 * phone kept since the last time.
 */
export class ClientPool {
  private readonly clients: TestClient[] = [];

  /** `server` is read at each `add` (test files start theirs in beforeAll). */
  constructor(private readonly server: () => { url: string }) {}

  /** A new phone signed in as `member` (makeClient; `options.name` names it), kept to be closed. */
  async add(member: TestMember, collections?: readonly CollectionName[], { name, ...options }: ClientOptions & { name?: string } = {}): Promise<TestClient> {
    return this.push(await makeClient(this.server(), member, collections, name, options))[0]!;
  }

  /** Keeps phones made otherwise (makeClient with its own arguments, reloadClient); answers them. */
  push(...made: TestClient[]): TestClient[] {
    this.clients.push(...made);
    return made;
  }

  /** How many phones are kept now. */
  get size(): number {
    return this.clients.length;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.close()));
  }
}

/** Answers one request of a phone instead of the server; `inner` still reaches the server (through the phone's network switch). */
export type FetchOverride = (input: RequestInfo | URL, init: RequestInit | undefined, inner: typeof fetch) => Promise<Response>;

/**
 * A phone's fetch wrapper (ClientOptions.wrapFetch): a request whose URL contains a key of
 * `overrides` gets that key's answer (the first key that matches), the others go to the server.
 */
export function overridingFetch(overrides: Record<string, FetchOverride>): (inner: typeof fetch) => typeof fetch {
  return (inner) => async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const override = Object.entries(overrides).find(([part]) => url.includes(part))?.[1];
    return override ? override(input, init, inner) : inner(input, init);
  };
}

/**
 * For a file whose tests need one server, one verified coordinator and their phones: starts the
 * server and signs the coordinator in (beforeAll), closes the phones and stops the server
 * (afterAll). Read `server` and `member` in tests, once beforeAll has run.
 */
export function serverWithOneMember(): { readonly server: TestServer; readonly member: TestMember; readonly clients: ClientPool } {
  let server: TestServer | undefined;
  let member: TestMember | undefined;
  const started = (): TestServer => {
    if (!server) throw new Error('the test server starts in beforeAll');
    return server;
  };
  const clients = new ClientPool(started);
  const world = {
    get server(): TestServer {
      return started();
    },
    get member(): TestMember {
      if (!member) throw new Error('the member is signed in in beforeAll');
      return member;
    },
    clients,
  };
  beforeAll(async () => {
    server = await startTestServer();
    member = await verifiedMunicipality(server);
  });
  afterAll(async () => {
    await clients.closeAll();
    await server?.stop();
  });
  return world;
}

/**
 * The page is reloaded: the phone's sync engine and database are closed (whatever they had not
 * written yet is lost with them) and opened again on the same storage, with a new engine.
 */
export async function reloadClient(server: { url: string }, client: TestClient, options: ClientOptions = {}): Promise<TestClient> {
  await client.close();
  const { storage, databaseName, collections, options: previous } = client.reopen;
  return makeClient(server, client.member, collections, client.name, { ...previous, ...options, storage, databaseName });
}

/** Brings the client's network back and waits until it has pushed and pulled everything. */
export async function syncOnce(client: TestClient): Promise<void> {
  client.network.online = true;
  client.engine.reSync();
  await client.engine.awaitInSync();
}

/** Syncs every client twice in turn, so each has pulled what the others pushed. */
export async function syncAll(...clients: TestClient[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const client of clients) await syncOnce(client);
}

/** All documents of a collection on a client, without local-only fields, sorted by id. */
export async function documentsOf(client: TestClient, collection: CollectionName = 'needs'): Promise<Record<string, unknown>[]> {
  const docs = await client.store.db[collection].find().exec();
  return docs.map((doc) => doc.toMutableJSON() as Record<string, unknown>).sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** Both phones hold the same documents (waits for the live stream to deliver the last echoes). */
export async function expectSameState(a: TestClient, b: TestClient): Promise<void> {
  await waitFor(async () => {
      for (const collection of a.store.collections) expect(await documentsOf(a, collection)).toEqual(await documentsOf(b, collection));
  });
}

/** Polls until `check` passes (for effects of the live stream, which has no promise to await). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Raw HTTP against the server, for protocol-level tests, anonymous or as `member`. */
export async function api<T = unknown>(server: { url: string }, pathname: string, init: RequestInit = {}, member?: TestMember): Promise<{ status: number; body: T }> {
  const cookie = member?.browser.cookieHeader;
  const response = await fetch(`${server.url}${pathname}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
