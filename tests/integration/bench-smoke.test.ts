/** The short version of `npm run bench`: the benchmark runs end to end on a small data set. */
import { describe, expect, it } from 'vitest';
import { runPullBenchmark } from '../../bench/sync-pull';

describe('sync benchmark (short)', () => {
  it('moves 200 needs offline → server → a fresh phone, and measures it against raw _changes', async () => {
    const result = await runPullBenchmark(200);
    expect(result.documents).toBe(200);
    for (const seconds of [result.localWriteSeconds, result.pushSeconds, result.rxdbPullSeconds, result.baselineChangesSeconds]) {
      expect(seconds).toBeGreaterThan(0);
    }
    // A ratio within one run, loose on purpose (shared, noisy machine): catches an order-of-magnitude regression.
    expect(result.pullToBaselineRatio).toBeLessThan(50);
  });
});
