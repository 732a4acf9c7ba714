/** The short version of the cheap-phone benchmark (`npm run bench -- --only cheap-phone`): it runs end to end on a small data set. */
import { describe, expect, it } from 'vitest';
import { runCheapPhoneBenchmark } from '../../bench/cheap-phone';

describe('cheap-phone benchmark (short)', () => {
  it('syncs 60 needs into a phone with the CPU slowed over Fast 3G, and times it against the transfer of the same pages and a raw IndexedDB floor', async () => {
    const result = await runCheapPhoneBenchmark({ documents: 60 });
    expect(result).toMatchObject({ needs: 60, cpuSlowdown: 4, network: 'fast-3g', pullRequests: 1 });
    expect(result.firstSyncSeconds).toBeGreaterThan(0);
    // Fast 3G's round trip alone is 562 ms: the transfer was shaped.
    expect(result.networkTransferSeconds).toBeGreaterThan(0.5);
    expect(result.transferredKiB).toBeGreaterThan(10);
    // The floor stored every need it downloaded (it throws otherwise) and took some time doing it.
    expect(result.storageFloorSeconds).toBeGreaterThan(0);
    expect(result.floorRatio).toBeGreaterThanOrEqual(1);
    expect(result.longTasks.count).toBeGreaterThanOrEqual(result.longTasks.over200ms);
  }, 240_000);
});
