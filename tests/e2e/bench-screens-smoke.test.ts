/** The short version of the screens benchmark (`npm run bench -- --only screens`): it runs end to end on a small data set. */
import { describe, expect, it } from 'vitest';
import { runScreensBenchmark } from '../../bench/screens';

describe('screens benchmark (short)', () => {
  it('syncs 40 needs and 40 offers into a phone and times the needs list, a search keystroke, matches and scrolling with the CPU slowed', async () => {
    const result = await runScreensBenchmark({ documents: 40, runs: 1 });
    expect(result).toMatchObject({ needs: 40, offers: 40, cpuSlowdown: 4, runs: 1 });
    for (const ms of [result.needsListMs, result.searchKeystrokeMs, result.matchesMs]) expect(ms).toBeGreaterThan(0);
    expect(result.scrollFps).toBeGreaterThan(0);
  }, 180_000);
});
