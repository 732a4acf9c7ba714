/**
 * The short version of `npm run bench -- --only first-sync`: the benchmark runs end to end on a
 * small data set on loopback (the proxy's shaping has its own test, bench-throttle-proxy.test.ts).
 * It checks that the benchmark works and what each client asked for, never timings.
 */
import { describe, expect, it } from 'vitest';
import { firstSyncTable, runFirstSyncBenchmark } from '../../bench/sync-first-sync';

describe('first-sync benchmark (short)', () => {
  it('syncs 200 needs with our client, PouchDB and raw _changes through the proxy, and counts their requests and bytes', async () => {
    const result = await runFirstSyncBenchmark({ sizes: [200], profiles: ['loopback'], clients: ['ours', 'pouchdb', 'rawChanges'], loopbackRounds: 1 });
    expect(result.calibrations.map((calibration) => calibration.profile)).toEqual(['loopback']);
    const [cell] = result.cells;
    expect(cell).toMatchObject({ documents: 200, profile: 'loopback', skipped: [] });
    expect(cell!.gzipBytes).toBeGreaterThan(200 * 100);
    for (const run of cell!.runs) {
      expect(run.documents).toBeGreaterThanOrEqual(200);
      expect(run.seconds).toBeGreaterThan(0);
      expect(run.requests).toBeGreaterThanOrEqual(1);
      expect(run.bytesDown).toBeGreaterThan(cell!.gzipBytes / 2);
    }
    const byClient = Object.fromEntries(cell!.runs.map((run) => [run.client, run]));
    // Our first sync streams every batch of needs in one answer; PouchDB needs several requests.
    expect(byClient.ours!.needsRequests).toBe(1);
    expect(byClient.pouchdb!.needsRequests).toBeGreaterThan(1);
    expect(byClient.rawChanges!.requests).toBe(1);
    expect(firstSyncTable(result)).toHaveLength(3);
    // About 20 s alone; the shared CI machine gets room (it checks that the benchmark works, not timings).
  }, 120_000);
});
