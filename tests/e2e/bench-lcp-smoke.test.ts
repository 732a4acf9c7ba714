/** The short version of the first-screen benchmark (`npm run bench -- --only lcp`): one run end to end, its numbers' shape only. */
import { describe, expect, it } from 'vitest';
import { runLcpBenchmark } from '../../bench/lcp';

describe('first-screen benchmark (short)', () => {
  it('times a throttled first visit of the sign-in screen and the offline repeat visits, signed out and signed in', async () => {
    const result = await runLcpBenchmark({ runs: 1 });
    expect(result).toMatchObject({ runs: 1, cpuSlowdown: 4, network: { downloadKbps: 1600, uploadKbps: 750, rttMs: 150 }, goals: { lcpMs: 2000, repeatOfflineMs: 1000 } });
    for (const ms of [result.firstVisit.lcpMs, result.firstVisit.fcpMs, result.firstVisit.signInShownMs, result.repeatOffline.signedOutInteractiveMs, result.repeatOffline.signedInInteractiveMs]) {
      expect(ms).toBeGreaterThan(0);
    }
    expect(result.firstVisit.jsTransferredKiB).toBeGreaterThan(0);
    for (const samples of Object.values(result.samples)) expect(samples).toHaveLength(1);
  }, 180_000);
});
