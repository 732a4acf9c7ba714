/**
 * Link faults (issue 13): four phones of three municipalities (the app's own sync code on RxDB)
 * edit needs, offers, pledges, pledge events and messages at once through a proxy that drops,
 * cuts, stalls and truncates their requests and live streams (support/fault-proxy.ts), against the
 * real sync server on the real embedded store. Then the faults stop, the phones sync until quiet,
 * and support/end-checks.ts proves that nothing was lost, duplicated or written twice.
 *
 * Short (npm test): a few dozen faults. Full (CHAOS_SCALE=full): at least 1,000.
 * CHAOS_SEED replays a run's decisions (its timing may still differ).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { byScale, CHAOS_RESULTS_DIR, chaosSeed, saveReport, seededRandom } from './support/campaign';
import { checkStore, settle, StoreReader } from './support/end-checks';
import { FaultProxy } from './support/fault-proxy';
import { Ledger, makePeople, makePhones, runPhones, Tracer, Workload, type Phone } from './support/phones';
import { startTestServer, syncOnce, type TestServer } from '../integration/support/sync-harness';

const seed = chaosSeed();
const scale = byScale({
  short: { actions: 25, pauseMs: 100, faultRate: 0.35, minFaults: 20, timeoutMs: 120_000 },
  full: { actions: 1200, pauseMs: 40, faultRate: 0.6, minFaults: 1000, timeoutMs: 1_500_000 },
});
/** The phones' request timeout: stalls are drawn around it, so some outlast it. */
const REQUEST_TIMEOUT_MS = 1500;

let server: TestServer | undefined;
let proxy: FaultProxy | undefined;
let phones: Phone[] = [];
const tracer = new Tracer();
const report: Record<string, unknown> & { seed: number } = { seed, settings: scale };

afterAll(async () => {
  saveReport('link-faults', report);
  await Promise.all(phones.map((phone) => phone.client.close()));
  await proxy?.close();
  await server?.stop();
});

describe('link faults', () => {
  it('phones editing at once through a failing link end with the same documents, each write there once', async () => {
    const random = seededRandom(seed);
    server = await startTestServer();
    const people = await makePeople(server);
    const liveServer = server;
    proxy = await FaultProxy.start({ target: () => liveServer.url, random: seededRandom(seed ^ 0x5bd1e995), faultRate: scale.faultRate, clientTimeoutMs: REQUEST_TIMEOUT_MS });
    proxy.enabled = false;
    phones = await makePhones({ url: proxy.url }, people, seed, random, { requestTimeoutMs: REQUEST_TIMEOUT_MS, retryTimeMs: 100, maxRetryTimeMs: 1500 }, tracer);
    const ledger = new Ledger();
    const workload = new Workload(people, ledger, seed);

    // A few needs the server holds before the faults begin: what C (which holds no needs) pledges to and writes about.
    const [a1] = phones;
    for (let i = 0; i < 4; i++) await workload.createNeed(a1!);
    for (const phone of phones) await syncOnce(phone.client);
    const settledNeeds = [...ledger.entries.values()].map((entry) => entry.id);

    proxy.enabled = true;
    const started = Date.now();
    await runPhones(phones, workload, settledNeeds, scale.actions, scale.pauseMs);
    // Let the faults go on a little after the last edit, while the phones push and pull it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    proxy.enabled = false;
    const faultsMs = Date.now() - started;
    proxy.cutAll();
    Object.assign(report, { faults: { ...proxy.counts, total: proxy.total }, requests: proxy.requests, faultsMs });

    const settled = await settle(liveServer, phones);
    const stored = await checkStore(new StoreReader(liveServer.dataDir), ledger, `c${seed.toString(36)}-`);
    Object.assign(report, {
      faults: { ...proxy.counts, total: proxy.total },
      requests: proxy.requests,
      phones: phones.map((phone) => phone.role),
      creations: ledger.creations,
      edits: ledger.edits,
      writes: ledger.totalWrites,
      documents: stored.documents,
      storeRevisions: stored.revisions,
      faultsMs,
      settleRounds: settled.rounds,
      // Equal but for the server-set `meta` (see end-checks.ts differences): counted, not a lost write.
      metaOnlyDifferences: settled.metaOnly.length,
      problems: [...settled.problems, ...stored.problems].slice(0, 50),
      problemCount: settled.problems.length + stored.problems.length,
    });
    if (settled.problems.length + stored.problems.length > 0) saveTrace(tracer);
    expect(settled.problems).toEqual([]);
    expect(stored.problems).toEqual([]);
    expect(proxy.total).toBeGreaterThanOrEqual(scale.minFaults);
  }, scale.timeoutMs);
});

/** What the phones received, for a run that found something: how did a checkpoint pass a document? */
function saveTrace(trace: Tracer): void {
  fs.mkdirSync(CHAOS_RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(CHAOS_RESULTS_DIR, 'link-faults-trace.json'), JSON.stringify(trace.entries));
}
