/**
 * Benchmark (issue 12): a phone's first sync of N needs (≈1 KB each) on loopback, Fast 3G and
 * Slow 3G, each link emulated by our throttling proxy (bench/support/throttle-proxy.ts), for:
 * - ours: the app's own replication code (app/db/replication.ts) on RxDB memory storage in Node,
 *   signed in as a verified official of another municipality, through the proxy to the sync server;
 * - PouchDB 9 (pouchdb-core + http + replication, LevelDB in a temp dir) replicating the needs
 *   database straight from the embedded store, through its own proxy with the same link;
 * - one raw `_changes?include_docs=true` request to the store: what a single request costs.
 * Beside them the physical limit: the needs as JSON (as the server holds them) gzipped, ÷ the
 * link's download bandwidth, + one round trip. Each client's requests, connections and bytes per
 * direction come from its proxy. Every profile is calibrated first (measured vs configured).
 * The sync server runs in its own process (`sync-server/main.ts`), as the store does, so the clients
 * measured in this process never share a thread with the server they talk to.
 * Ratios are within one run (the machine is shared); the data is seeded (`seed`) so runs compare.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import PouchDBCore from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import replicationPlugin from 'pouchdb-replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openLocalStore } from '../app/db/local-store';
import { startSync } from '../app/db/replication';
import type { Need } from '../domain/schemas/need';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../sync-server/config';
import { authenticatedUrl, findRunningStore } from '../sync-server/store/embedded-store';
import { freshNeed } from '../tests/support/factories';
import { signInModerator, TEST_ADMIN, verifiedMunicipality, type TestMember } from '../tests/integration/support/accounts';
import { calibrate, LINK_PROFILES, startThrottleProxy, type Calibration, type LinkProfile, type ProxyStats } from './support/throttle-proxy';
import { seededRandom as prng } from '../tests/chaos/support/campaign';

export type ProfileKey = keyof typeof LINK_PROFILES;
export type ClientKey = 'ours' | 'pouchdb' | 'rawChanges';
export const PROFILE_KEYS = Object.keys(LINK_PROFILES) as ProfileKey[];
export const CLIENT_KEYS: ClientKey[] = ['ours', 'pouchdb', 'rawChanges'];

export type FirstSyncOptions = {
  sizes: number[];
  profiles: ProfileKey[];
  clients: ClientKey[];
  /** Cells left out (the slow PouchDB runs on 3G for many needs, with `--quick`). */
  skip?: (cell: { documents: number; profile: ProfileKey; client: ClientKey }) => boolean;
  seed?: number;
  /**
   * Rounds of the loopback cells (each client once per round, interleaved; the median is kept):
   * they take seconds and are CPU-bound, so one burst of another process on a shared machine
   * would otherwise decide the ratio. 3 by default.
   */
  loopbackRounds?: number;
  /** Our client's pull batch (the app's default when undefined). */
  pullBatchSize?: number;
  log?: (line: string) => void;
};

export type ClientRun = {
  client: ClientKey;
  /** The median of `rounds` when the cell ran several times. */
  seconds: number;
  rounds?: number[];
  documents: number;
  requests: number;
  /** Requests that read the needs (our pull, PouchDB's `_changes`/`_bulk_get`/`_all_docs`/checkpoint reads). */
  needsRequests: number;
  connections: number;
  bytesDown: number;
  bytesUp: number;
};

export type FirstSyncCell = {
  documents: number;
  profile: ProfileKey;
  profileName: string;
  /** gzip(JSON of the needs) ÷ bandwidth + one round trip (0 on loopback: not a link limit). */
  physicalLimitSeconds: number;
  gzipBytes: number;
  runs: ClientRun[];
  /** ours ÷ physical limit, ours ÷ PouchDB, when both ran. */
  oursToLimit: number | null;
  oursToPouchdb: number | null;
  skipped: ClientKey[];
};

export type FirstSyncBenchmark = {
  seed: number;
  calibrations: Calibration[];
  cells: FirstSyncCell[];
  node: string;
  cpus: number;
  at: string;
};

type PouchDatabase = {
  replicate: { from(source: PouchDatabase | string, options?: Record<string, unknown>): Promise<{ docs_written: number }> & { cancel(): void } };
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
};
type PouchConstructor = new (name: string, options?: Record<string, unknown>) => PouchDatabase;
const PouchDB = PouchDBCore.plugin(httpAdapter).plugin(leveldbAdapter).plugin(replicationPlugin) as unknown as PouchConstructor;

/** A fetch that sends `member`'s session cookie (Node's fetch keeps no cookie jar). */
function fetchAs(member: TestMember): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', member.browser.cookieHeader ?? '');
    return fetch(input, { ...init, headers });
  };
}

const WORDS =
  'generator pump water heating school hospital roof window diesel cable transformer shelter bridge ambulance blanket medicine insulin tractor excavator laptop radio battery inverter solar panel boiler pipe valve fuel kitchen bakery clinic kindergarten district village sewage filter chlorine crane truck tyre helmet stove'.split(
    ' ',
  );

/** A need of about 1 KB on the wire: a description of varied words (so gzip does not flatter it). */
function benchNeed(municipalityId: string, random: () => number): Need {
  const words: string[] = [];
  let length = 0;
  while (length < 560) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    words.push(random() < 0.1 ? `${word} ${Math.floor(random() * 1000)}` : word);
    length += word.length + 1;
  }
  return freshNeed({ municipalityId, description: words.join(' ') });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

function runOf(client: ClientKey, seconds: number, documents: number, stats: ProxyStats, isNeedsRequest: (line: string) => boolean): ClientRun {
  return {
    client,
    seconds: round(seconds),
    documents,
    requests: stats.requests,
    needsRequests: stats.requestLines.filter(isNeedsRequest).length,
    connections: stats.connections,
    bytesDown: stats.bytesDown,
    bytesUp: stats.bytesUp,
  };
}

export async function runFirstSyncBenchmark(options: FirstSyncOptions): Promise<FirstSyncBenchmark> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 12;
  const calibrations: Calibration[] = [];
  for (const profile of options.profiles) {
    const calibration = await calibrate(LINK_PROFILES[profile]);
    calibrations.push(calibration);
    log(`calibrated ${calibration.profile}: down ${calibration.measuredDownKbps}/${calibration.configuredDownKbps} kbit/s, up ${calibration.measuredUpKbps}/${calibration.configuredUpKbps} kbit/s, RTT ${calibration.measuredRttMs}/${calibration.configuredRttMs} ms`);
  }
  const cells: FirstSyncCell[] = [];
  for (const documents of options.sizes) cells.push(...(await runSize(documents, seed, options, log)));
  return { seed, calibrations, cells, node: process.version, cpus: os.cpus().length, at: new Date().toISOString() };
}

async function runSize(documents: number, seed: number, options: FirstSyncOptions, log: (line: string) => void): Promise<FirstSyncCell[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-first-'));
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password };
  const config = loadConfig(env);
  const server = await startServerProcess(env);
  const cells: FirstSyncCell[] = [];
  try {
    const moderator = signInModerator(server.url);
    const poster = await verifiedMunicipality(server.url, moderator);
    const random = prng(seed);
    for (let start = 0; start < documents; start += 200) {
      const rows = Array.from({ length: Math.min(200, documents - start) }, () => ({ newDocumentState: { ...benchNeed(poster.municipalityId, random), _deleted: false } }));
      const response = await fetchAs(poster)(`${server.url}/api/sync/needs/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });
      const body = (await response.json()) as { conflicts: unknown[]; refused: unknown[] };
      if (!response.ok || body.refused.length > 0 || body.conflicts.length > 0) throw new Error(`seeding needs failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    const address = await findRunningStore(dataDir);
    if (!address) throw new Error('the embedded store is not running');
    const storeUrl = new URL(authenticatedUrl(address));
    const needsDb = `${config.dbPrefix}needs`;
    // The physical limit: what the reader must receive at least, as the server holds it, gzipped.
    const all = (await (await fetch(`${storeUrl.origin}/${needsDb}/_all_docs?include_docs=true`, { headers: authHeader(storeUrl) })).json()) as {
      rows: { doc: Record<string, unknown> }[];
    };
    const wire = all.rows.filter((row) => !String(row.doc._id).startsWith('_design/')).map(({ doc: { _id, _rev: _ignored, ...fields } }) => ({ ...fields, id: _id, _deleted: false }));
    if (wire.length !== documents) throw new Error(`the store holds ${wire.length} of ${documents} needs`);
    const gzipBytes = gzipSync(JSON.stringify(wire)).length;
    log(`${documents} needs seeded: ${Math.round(JSON.stringify(wire).length / documents)} bytes each as JSON, ${gzipBytes} bytes gzipped in all`);

    for (const profileKey of options.profiles) {
      const profile = LINK_PROFILES[profileKey];
      const physicalLimitSeconds = profileKey === 'loopback' ? 0 : (gzipBytes * 8) / (profile.downKbps * 1000) + profile.rttMs / 1000;
      const runs: ClientRun[] = [];
      const skipped: ClientKey[] = [];
      const rounds = profileKey === 'loopback' ? (options.loopbackRounds ?? 3) : 1;
      const results = new Map<ClientKey, ClientRun[]>();
      for (let round = 0; round < rounds; round++) {
        for (const client of options.clients) {
          if (options.skip?.({ documents, profile: profileKey, client })) {
            if (round === 0) skipped.push(client);
            continue;
          }
          const reader = await verifiedMunicipality(server.url, moderator);
          const run =
            client === 'ours'
              ? await runOurs(server.url, reader, profile, documents, options.pullBatchSize)
              : client === 'pouchdb'
                ? await runPouchdb(storeUrl, needsDb, profile, documents)
                : await runRawChanges(storeUrl, needsDb, profile, documents);
          results.set(client, [...(results.get(client) ?? []), run]);
          log(`${documents} needs, ${profile.name}, ${client}: ${run.seconds} s, ${run.requests} requests (${run.needsRequests} for needs), ${run.connections} connections, ${run.bytesDown} bytes down, ${run.bytesUp} up`);
        }
      }
      for (const [client, all] of results) {
        const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
        const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
        runs.push(all.length > 1 ? { ...median, client, rounds: all.map((run) => run.seconds) } : median);
      }
      const ours = runs.find((run) => run.client === 'ours');
      const pouchdb = runs.find((run) => run.client === 'pouchdb');
      cells.push({
        documents,
        profile: profileKey,
        profileName: profile.name,
        physicalLimitSeconds: round(physicalLimitSeconds),
        gzipBytes,
        runs,
        oursToLimit: ours && physicalLimitSeconds > 0 ? round(ours.seconds / physicalLimitSeconds) : null,
        oursToPouchdb: ours && pouchdb ? round(ours.seconds / pouchdb.seconds) : null,
        skipped,
      });
    }
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return cells;
}

/** The sync server as `npm start` runs it, in a child process; resolves once it listens. */
async function startServerProcess(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/main.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /running: open (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the sync server exited (${code}) before it listened: ${stderr.slice(-500)}`)));
    setTimeout(() => reject(new Error(`the sync server did not listen within 60 s: ${stderr.slice(-500)}`)), 60_000).unref();
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Our phone: a fresh RxDB database, `startSync` through the link, until the needs' first replication is done. */
async function runOurs(serverUrl: string, reader: TestMember, profile: LinkProfile, documents: number, pullBatchSize: number | undefined): Promise<ClientRun> {
  const proxy = await startThrottleProxy(serverUrl, profile);
  const store = await openLocalStore(getRxStorageMemory(), `bench-first-sync-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  let engine: ReturnType<typeof startSync> | undefined;
  try {
    const seconds = await timed(async () => {
      engine = startSync(store, { baseUrl: proxy.url, fetch: fetchAs(reader), requestTimeoutMs: 120_000, ...(pullBatchSize ? { pullBatchSize } : {}) });
      await engine.replications.needs!.awaitInitialReplication();
    });
    const stats = proxy.stats();
    const received = await store.db.needs.count().exec();
    if (received !== documents) throw new Error(`our client got ${received} of ${documents} needs`);
    return runOf('ours', seconds, received, stats, (line) => line.includes('/api/sync/needs/pull'));
  } finally {
    await engine?.stop();
    await store.db.close();
    await proxy.close();
  }
}

/** PouchDB replicating the needs database straight from the store into LevelDB, through the link. */
async function runPouchdb(storeUrl: URL, needsDb: string, profile: LinkProfile, documents: number): Promise<ClientRun> {
  const proxy = await startThrottleProxy(storeUrl.origin, profile);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-pouch-'));
  const local = new PouchDB(path.join(dir, 'needs'));
  const remote = new PouchDB(`${proxy.url}/${needsDb}`, { auth: { username: decodeURIComponent(storeUrl.username), password: decodeURIComponent(storeUrl.password) }, skip_setup: true });
  try {
    const seconds = await timed(() => local.replicate.from(remote));
    const stats = proxy.stats();
    const received = (await local.info()).doc_count;
    if (received < documents) throw new Error(`PouchDB got ${received} of ${documents} needs`);
    return runOf('pouchdb', seconds, received, stats, (line) => line.includes(`/${needsDb}`));
  } finally {
    await remote.close();
    await local.close();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One `_changes?include_docs=true` of the whole needs database, read to its end. */
async function runRawChanges(storeUrl: URL, needsDb: string, profile: LinkProfile, documents: number): Promise<ClientRun> {
  const proxy = await startThrottleProxy(storeUrl.origin, profile);
  try {
    let received = 0;
    const seconds = await timed(async () => {
      const response = await fetch(`${proxy.url}/${needsDb}/_changes?include_docs=true`, { headers: authHeader(storeUrl) });
      const body = (await response.json()) as { results: { id: string }[] };
      received = body.results.filter((row) => !row.id.startsWith('_design/')).length;
    });
    if (received < documents) throw new Error(`raw _changes got ${received} of ${documents} needs`);
    return runOf('rawChanges', seconds, received, proxy.stats(), (line) => line.includes(`/${needsDb}`));
  } finally {
    await proxy.close();
  }
}

function authHeader(url: URL): Record<string, string> {
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Rows for console.table: one per cell and client, with the limit and ratios beside them. */
export function firstSyncTable(result: FirstSyncBenchmark): Record<string, string | number>[] {
  return result.cells.flatMap((cell) =>
    cell.runs.map((run) => ({
      needs: cell.documents,
      link: cell.profileName,
      client: run.client,
      seconds: run.seconds,
      'limit s': cell.physicalLimitSeconds,
      '× limit': cell.physicalLimitSeconds > 0 ? round(run.seconds / cell.physicalLimitSeconds) : '—',
      requests: run.requests,
      'needs req.': run.needsRequests,
      conns: run.connections,
      'kB down': Math.round(run.bytesDown / 1000),
      'kB up': Math.round(run.bytesUp / 1000),
    })),
  );
}
