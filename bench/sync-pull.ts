/**
 * Benchmark: how fast a fresh phone gets N needs through our pull endpoint, compared within the
 * same run with a baseline client reading the store's own `_changes` directly on loopback (the
 * floor: no validation, no filtering, no RxDB). Also times a phone writing N needs offline and
 * pushing them when it comes online. Both phones are signed in as verified officials (the sync
 * endpoints serve members only): the writer of a verified municipality posting its needs, the
 * reader of another one, so every pulled need passes the read rules with its municipality looked up.
 * Numbers are ratios within one run; this machine is shared and noisy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openLocalStore, saveDocument } from '../app/db/local-store';
import { startSync } from '../app/db/replication';
import { loadConfig } from '../sync-server/config';
import { createLogger } from '../sync-server/logger';
import { startServer } from '../sync-server/start';
import { Couch } from '../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../sync-server/store/embedded-store';
import { freshNeed } from '../tests/support/factories';
import { signInModerator, TEST_ADMIN, verifiedMunicipality, type TestMember } from '../tests/integration/support/accounts';

export type PullBenchmark = {
  documents: number;
  localWriteSeconds: number;
  pushSeconds: number;
  rxdbPullSeconds: number;
  baselineChangesSeconds: number;
  pullToBaselineRatio: number;
  documentsPerSecondPull: number;
  node: string;
  cpus: number;
  at: string;
};

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** A fetch that sends `member`'s session cookie (Node's fetch keeps no cookie jar). */
function fetchAs(member: TestMember): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', member.browser.cookieHeader ?? '');
    return fetch(input, { ...init, headers });
  };
}

export async function runPullBenchmark(documents: number): Promise<PullBenchmark> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  const server = await startServer(config, createLogger('silent'));
  try {
    const moderator = signInModerator(server.url);
    const [poster, partner] = await Promise.all([verifiedMunicipality(server.url, moderator), verifiedMunicipality(server.url, moderator)]);
    // The phone writes offline first (replication not started), then comes online: the push is
    // timed from going online until the server has acknowledged every waiting change.
    const writer = await openLocalStore(getRxStorageMemory(), `bench-writer-${Date.now()}`);
    const localWriteSeconds = await timed(async () => {
      for (let i = 0; i < documents; i++) await saveDocument(writer, 'needs', freshNeed({ municipalityId: poster.municipalityId }));
    });
    let writerSync: ReturnType<typeof startSync> | undefined;
    const pushSeconds = await timed(async () => {
      writerSync = startSync(writer, { baseUrl: server.url, fetch: fetchAs(poster), pushBatchSize: 100 });
      await writerSync.awaitInSync();
      while (writer.outboxes.needs!.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await writerSync?.stop();
    await writer.db.close();

    const reader = await openLocalStore(getRxStorageMemory(), `bench-reader-${Date.now()}`);
    let readerSync: ReturnType<typeof startSync> | undefined;
    const rxdbPullSeconds = await timed(async () => {
      readerSync = startSync(reader, { baseUrl: server.url, fetch: fetchAs(partner), pullBatchSize: 200 });
      await readerSync.replications.needs!.awaitInitialReplication();
    });
    const received = await reader.db.needs.count().exec();
    if (received !== documents) throw new Error(`the reader got ${received} of ${documents} needs`);
    await readerSync?.stop();
    await reader.db.close();

    const store = await findRunningStore(dataDir);
    if (!store) throw new Error('the embedded store is not running');
    const couch = new Couch(authenticatedUrl(store), config.dbPrefix);
    const baselineChangesSeconds = await timed(async () => {
      let since = '0';
      for (;;) {
        const body = (await couch.nano.request({ db: couch.dbName('needs'), path: '_changes', qs: { since, limit: 200, include_docs: true } })) as {
          results: unknown[];
          last_seq: string | number;
        };
        since = String(body.last_seq);
        if (body.results.length < 200) break;
      }
    });
    return {
      documents,
      localWriteSeconds: round(localWriteSeconds),
      pushSeconds: round(pushSeconds),
      rxdbPullSeconds: round(rxdbPullSeconds),
      baselineChangesSeconds: round(baselineChangesSeconds),
      pullToBaselineRatio: round(rxdbPullSeconds / baselineChangesSeconds),
      documentsPerSecondPull: Math.round(documents / rxdbPullSeconds),
      node: process.version,
      cpus: os.cpus().length,
      at: new Date().toISOString(),
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
