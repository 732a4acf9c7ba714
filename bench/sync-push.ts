/**
 * Benchmark: push throughput. N new needs go to the server in batches through
 * `POST /api/sync/needs/push` (session check, schema, rules, the current documents read, one
 * `_bulk_docs`), against the same number written in the same batches with `_bulk_docs` straight
 * into the store through nano (the floor: no validation, no rules, no session), on loopback.
 * The two alternate round by round and each keeps its median, so a noisy neighbour on this
 * shared machine hurts both alike; the result is their ratio within one run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openLocalStore, saveDocument } from '../app/db/local-store';
import { startSync } from '../app/db/replication';
import type { Need } from '../domain/schemas/need';
import type { PushResponse, PushRow } from '../domain/sync-protocol';
import { loadConfig } from '../sync-server/config';
import { createLogger } from '../sync-server/logger';
import { startServer } from '../sync-server/start';
import { Couch } from '../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../sync-server/store/embedded-store';
import { signInModerator, TEST_ADMIN, verifiedMunicipality, type TestMember } from '../tests/integration/support/accounts';
import { freshNeed } from '../tests/support/factories';
import { barChartSvg } from './plot';
import { LINK_PROFILES, startThrottleProxy, type LinkProfile } from './support/throttle-proxy';

export type PushLoopbackOptions = { documents: number; batchSize?: number; rounds?: number; concurrency?: number };

export type PushLoopback = {
  documents: number;
  batchSize: number;
  rounds: number;
  /** Batches in flight at once, for both clients. */
  concurrency: number;
  /** Median over rounds of the time to push all N through the server. */
  serverSeconds: number;
  /** Median over rounds of the time to write all N with `_bulk_docs`. */
  bulkDocsSeconds: number;
  serverDocumentsPerSecond: number;
  bulkDocsDocumentsPerSecond: number;
  /** Server throughput ÷ `_bulk_docs` throughput (goal ≥ 0.7). */
  throughputRatio: number;
  /** JSON bytes of one pushed batch, on average. */
  bytesPerBatch: number;
};

const WORDS = (
  'генератор дизельний насосна станція лікарня водогін опалення котельня паливо тонн літрів ' +
  'generator pumping station hospital water supply heating boiler fuel pallets urgent winter ' +
  'outage shelling substation transformer cable repair crew school kitchen beds blankets medicine'
).split(' ');

/** A need about the size the issue measures (≈1 KB of JSON), its text varied so gzip sees realistic prose, not one repeated line. */
export function benchNeed(municipalityId: string): Need {
  const words = Array.from({ length: 90 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]!);
  return freshNeed({ municipalityId, description: `${words.join(' ')}.` });
}

/** Sends `batches` with at most `concurrency` in flight. */
async function inFlight<T>(batches: T[], concurrency: number, send: (batch: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, batches.length) }, async () => {
      while (next < batches.length) await send(batches[next++]!);
    }),
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Pushes `rows` as `member` and fails loudly unless every row was written. */
export async function pushAs(baseUrl: string, member: TestMember, rows: PushRow[]): Promise<void> {
  const response = await fetch(`${baseUrl}/api/sync/needs/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: member.browser.cookieHeader ?? '' },
    body: JSON.stringify(rows),
  });
  const body = (await response.json()) as PushResponse;
  if (!response.ok || body.conflicts.length > 0 || body.refused.length > 0) {
    throw new Error(`push answered HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
}

export async function runPushLoopback({ documents, batchSize = 200, rounds = 3, concurrency = 1 }: PushLoopbackOptions): Promise<PushLoopback> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-push-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  const server = await startServer(config, createLogger('silent'));
  try {
    const poster = await verifiedMunicipality(server.url, signInModerator(server.url));
    const store = await findRunningStore(dataDir);
    if (!store) throw new Error('the embedded store is not running');
    const couch = new Couch(authenticatedUrl(store), config.dbPrefix);
    const db = couch.db('needs');

    // Warm both paths (connections, JIT, LevelDB) before timing.
    await pushAs(server.url, poster, [{ newDocumentState: benchNeed(poster.municipalityId) }]);
    await db.bulk({ docs: [{ ...benchNeed(poster.municipalityId), _id: `warm-${Date.now()}` }] });

    const serverTimes: number[] = [];
    const bulkTimes: number[] = [];
    let bytes = 0;
    let batches = 0;
    for (let round = 0; round < rounds; round++) {
      const pushBatches = chunk(
        Array.from({ length: documents }, () => ({ newDocumentState: benchNeed(poster.municipalityId) })),
        batchSize,
      );
      for (const batch of pushBatches) {
        bytes += JSON.stringify(batch).length;
        batches += 1;
      }
      let start = performance.now();
      await inFlight(pushBatches, concurrency, (batch) => pushAs(server.url, poster, batch));
      serverTimes.push((performance.now() - start) / 1000);

      const storeBatches = chunk(
        Array.from({ length: documents }, () => {
          const { id, ...need } = benchNeed(poster.municipalityId);
          return { ...need, _id: id };
        }),
        batchSize,
      );
      start = performance.now();
      await inFlight(storeBatches, concurrency, async (docs) => {
        const results = await db.bulk({ docs });
        if (results.some((result) => 'error' in result && result.error)) throw new Error('_bulk_docs refused a document');
      });
      bulkTimes.push((performance.now() - start) / 1000);
    }
    const serverSeconds = median(serverTimes);
    const bulkDocsSeconds = median(bulkTimes);
    return {
      documents,
      batchSize,
      rounds,
      concurrency,
      serverSeconds: round3(serverSeconds),
      bulkDocsSeconds: round3(bulkDocsSeconds),
      serverDocumentsPerSecond: Math.round(documents / serverSeconds),
      bulkDocsDocumentsPerSecond: Math.round(documents / bulkDocsSeconds),
      throughputRatio: round3(bulkDocsSeconds / serverSeconds),
      bytesPerBatch: Math.round(bytes / batches),
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export type IdleEditOptions = {
  /** How long the phone stays quiet before each further edit (the phone: 60 s). */
  idleMs: number[];
  profile?: LinkProfile;
  /** Extra server environment, e.g. a short KEEP_ALIVE_TIMEOUT_MS for a quick test. */
  env?: Record<string, string>;
};

export type IdleEdit = {
  profile: string;
  idleMs: number;
  keepAliveTimeoutMs: number;
  /** TCP connections the edit after the quiet spell opened (goal: 0, the earlier edit's connection is reused). */
  newConnections: number;
  /** Time of that edit, from the push being sent to its answer. */
  editMs: number;
  /** The link's round trip: the floor of one edit. */
  rttMs: number;
  /** editMs ÷ rttMs (≈ 1: one round trip). */
  roundTrips: number;
};

/**
 * Edits after quiet spells, as a phone that writes every minute makes them: it pushes one need
 * through the throttle proxy (the connection opens), then for each of `idleMs` stays idle that long
 * and pushes another, counting the TCP connections each such edit opened. The client is Node's
 * fetch (undici), which, like a browser, keeps an idle connection as long as the server's
 * `Keep-Alive: timeout` allows.
 */
export async function runIdleEdits({ idleMs, profile = LINK_PROFILES.fast3g, env = {} }: IdleEditOptions): Promise<IdleEdit[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-idle-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password, ...env });
  const server = await startServer(config, createLogger('silent'));
  const proxy = await startThrottleProxy(server.url, profile);
  try {
    const poster = await verifiedMunicipality(server.url, signInModerator(server.url));
    const edit = async () => {
      const start = performance.now();
      await pushAs(proxy.url, poster, [{ newDocumentState: benchNeed(poster.municipalityId) }]);
      return performance.now() - start;
    };
    await edit();
    const edits: IdleEdit[] = [];
    for (const idle of idleMs) {
      proxy.resetStats();
      await new Promise((resolve) => setTimeout(resolve, idle));
      const editMs = await edit();
      edits.push({
        profile: profile.name,
        idleMs: idle,
        keepAliveTimeoutMs: config.keepAliveTimeoutMs,
        newConnections: proxy.stats().connections,
        editMs: Math.round(editMs),
        rttMs: profile.rttMs,
        roundTrips: profile.rttMs > 0 ? round3(editMs / profile.rttMs) : 0,
      });
    }
    return edits;
  } finally {
    await proxy.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export type PushOverLinkOptions = {
  documents: number;
  profile?: LinkProfile;
  /** The phone's push batch size; default the app's (SYNC_LIMITS.maxPushRows). */
  pushBatchSize?: number;
  /** Whether the phone may gzip its push bodies; default the app's (yes). */
  gzipPush?: boolean;
  label?: string;
};

export type PushOverLink = {
  label: string;
  profile: string;
  documents: number;
  pushBatchSize: number | 'default';
  gzipPush: boolean;
  /** From going online until the server acknowledged every need written offline. */
  seconds: number;
  /** JSON bytes of the needs themselves. */
  documentBytes: number;
  /** documentBytes ÷ the link's upload rate: the time the needs' bytes take to upload. */
  uploadSeconds: number;
  /** seconds ÷ uploadSeconds (goal ≤ 1.5). */
  ratioToUpload: number;
  /** What crossed the link upwards (every request, headers included), and the push requests among them. */
  bytesUp: number;
  bytesDown: number;
  requests: number;
  pushRequests: number;
};

/**
 * A phone (the app's own sync code on RxDB, memory storage) writes N needs offline, then goes online
 * through the throttle proxy; timed until the server acknowledged every one of them.
 */
export async function runPushOverLink({ documents, profile = LINK_PROFILES.fast3g, pushBatchSize, gzipPush = true, label = 'app' }: PushOverLinkOptions): Promise<PushOverLink> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-link-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  const server = await startServer(config, createLogger('silent'));
  const proxy = await startThrottleProxy(server.url, profile);
  try {
    const poster = await verifiedMunicipality(server.url, signInModerator(server.url));
    const phone = await openLocalStore(getRxStorageMemory(), `bench-link-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    let documentBytes = 0;
    for (let i = 0; i < documents; i++) {
      const need = benchNeed(poster.municipalityId);
      documentBytes += Buffer.byteLength(JSON.stringify(need));
      await saveDocument(phone, 'needs', need);
    }
    proxy.resetStats();
    const start = performance.now();
    const sync = startSync(phone, { baseUrl: proxy.url, fetch: fetchAs(poster), ...(pushBatchSize === undefined ? {} : { pushBatchSize }), gzipPush });
    const outbox = phone.outboxes.needs!;
    while (outbox.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - start) / 1000;
    const stats = proxy.stats();
    await sync.stop();
    await phone.db.close();
    const stored = (await (await fetch(`${server.url}/api/sync/needs/pull?limit=1`, { headers: { cookie: poster.browser.cookieHeader ?? '' } })).json()) as { remaining: number; documents: unknown[] };
    if (stored.documents.length + stored.remaining < documents) throw new Error(`the server holds ${stored.documents.length + stored.remaining} of ${documents} needs`);
    const uploadSeconds = (documentBytes * 8) / (profile.upKbps * 1000);
    return {
      label,
      profile: profile.name,
      documents,
      pushBatchSize: pushBatchSize ?? 'default',
      gzipPush,
      seconds: round3(seconds),
      documentBytes,
      uploadSeconds: round3(uploadSeconds),
      ratioToUpload: round3(seconds / uploadSeconds),
      bytesUp: stats.bytesUp,
      bytesDown: stats.bytesDown,
      requests: stats.requests,
      pushRequests: stats.requestLines.filter((line) => line.includes('/needs/push')).length,
    };
  } finally {
    await proxy.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fetch that sends `member`'s session cookie (Node's fetch keeps no cookie jar). */
function fetchAs(member: TestMember): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', member.browser.cookieHeader ?? '');
    return fetch(input, { ...init, headers });
  };
}

export type PushBenchmark = {
  loopback: PushLoopback;
  fast3g: PushOverLink[];
  idleEdit: { before: IdleEdit | undefined; after: IdleEdit | undefined };
  node: string;
  cpus: number;
  at: string;
};

/**
 * `npm run bench -- --only push`: the loopback ratio, N needs written offline reaching the server
 * over Fast 3G (the old client settings beside the new), and one edit after `idleMs` of quiet with
 * Node's old 5 s keep-alive beside ours; prints and saves bench/results/sync-push.json and .svg.
 */
export async function runPushBenchmark(resultsDir: string, { documents = 2000, linkDocuments = 1000, idleMs = 60_000 } = {}): Promise<PushBenchmark> {
  const loopback = await runPushLoopback({ documents });
  console.table([loopback]);
  const fast3g = [
    await runPushOverLink({ documents: linkDocuments, pushBatchSize: 50, gzipPush: false, label: 'before: 50 a push, plain' }),
    await runPushOverLink({ documents: linkDocuments, gzipPush: false, label: 'batches of 200, plain' }),
    await runPushOverLink({ documents: linkDocuments, label: 'after: batches of 200, gzip' }),
  ];
  console.table(fast3g);
  const [[before], [after]] = await Promise.all([runIdleEdits({ idleMs: [idleMs], env: { KEEP_ALIVE_TIMEOUT_MS: '5000' } }), runIdleEdits({ idleMs: [idleMs] })]);
  console.table([before, after]);
  const result: PushBenchmark = { loopback, fast3g, idleEdit: { before, after }, node: process.version, cpus: os.cpus().length, at: new Date().toISOString() };
  fs.writeFileSync(path.join(resultsDir, 'sync-push.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, 'sync-push.svg'),
    barChartSvg(`${linkDocuments} needs written offline, pushed over Fast 3G (upload of their bytes: ${fast3g[0]!.uploadSeconds} s)`, [
      ...fast3g.map((run) => ({ label: run.label, value: run.seconds })),
      { label: 'upload time of the bytes', value: fast3g[0]!.uploadSeconds },
    ]),
  );
  console.log('saved bench/results/sync-push.json and .svg');
  return result;
}
