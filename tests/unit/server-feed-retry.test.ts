/**
 * The retry schedule of a broken changes feed (changes-hub.ts): after one store restart an open
 * stream used to get a RESYNC every 250 ms (issue 8), because every retry waited the first step.
 */
import { describe, expect, it } from 'vitest';
import { FEED_RETRY_BASE_MS, FEED_RETRY_CAP_MS, feedRetryDelayMs } from '../../sync-server/sync/changes-hub';

describe('feedRetryDelayMs', () => {
  it.each([
    // failures, random → delay: the upper half of a doubling ceiling is random ("equal jitter")
    [1, 0, 125],
    [1, 1, 250],
    [2, 0, 250],
    [2, 0.5, 375],
    [3, 1, 1000],
    [5, 0, 2000],
    [6, 1, 8000],
    [7, 0, 7500],
    [7, 1, 15_000],
    [30, 0, 7500],
    [30, 1, 15_000],
    [1000, 0.5, 11_250],
  ])('retry %i with random %d waits %i ms', (failures, random, expected) => {
    expect(feedRetryDelayMs(failures, () => random)).toBe(expected);
  });

  it('adds up to a few retries for an outage of seconds, never a retry every 250 ms', () => {
    const schedule = (random: () => number, outageMs: number) => {
      let waited = 0;
      let retries = 0;
      while (waited < outageMs) waited += feedRetryDelayMs(++retries, random);
      return retries;
    };
    expect(schedule(() => 1, 4000)).toBe(5); // 250 + 500 + 1000 + 2000 + 4000
    expect(schedule(() => 0, 4000)).toBeLessThanOrEqual(6);
    expect(schedule(() => 1, 60_000)).toBeLessThanOrEqual(10);
  });

  it('stays within its bounds for any random value', () => {
    for (let failures = 1; failures < 50; failures++) {
      for (const random of [0, 0.25, 0.999]) {
        const delay = feedRetryDelayMs(failures, () => random);
        expect(delay).toBeGreaterThanOrEqual(FEED_RETRY_BASE_MS / 2);
        expect(delay).toBeLessThanOrEqual(FEED_RETRY_CAP_MS);
      }
    }
  });
});
