/** The short versions of the push and live-clients benchmarks: they run end to end on small numbers (they check that the benchmarks work, not timings). */
import { describe, expect, it } from 'vitest';
import { runLiveClients } from '../../bench/live-clients';
import { runPushLoopback, runPushOverLink } from '../../bench/sync-push';

/** A link fast enough for a smoke test that still goes through the throttle proxy. */
const LINK = { name: 'smoke link', downKbps: 50_000, upKbps: 20_000, rttMs: 20 };

describe('push benchmark (short)', () => {
  it('pushes through the server and straight into the store, and gives their ratio', async () => {
    const result = await runPushLoopback({ documents: 100, batchSize: 50, rounds: 1 });
    expect(result.serverSeconds).toBeGreaterThan(0);
    expect(result.bulkDocsSeconds).toBeGreaterThan(0);
    // Loose on purpose (shared machine): catches an order-of-magnitude regression only.
    expect(result.throughputRatio).toBeGreaterThan(0.02);
  });

  it('brings needs written offline to the server through the proxy, in few gzip’d pushes', async () => {
    const result = await runPushOverLink({ documents: 60, profile: LINK });
    expect(result.pushRequests).toBe(1);
    expect(result.bytesUp).toBeLessThan(result.documentBytes);
    expect(result.seconds).toBeGreaterThan(0);
  });
});

describe('live-clients benchmark (short)', () => {
  it('delivers every pushed need to every stream that may read it, and nothing else', async () => {
    const result = await runLiveClients({ streams: 24, phones: 4, seconds: 2 });
    expect(result.pushes).toBeGreaterThan(0);
    expect(result.expectedDeliveries).toBeGreaterThan(0);
    expect(result.missingDeliveries).toBe(0);
    expect(result.unexpectedDeliveries).toBe(0);
    expect(result.receivedDeliveries).toBe(result.expectedDeliveries);
    expect(result.streamsLost).toBe(0);
    expect(result.memoryOpen.streams).toBe(24);
    // The run without streams pushed too, and the load was measured (the server did some work).
    expect(result.withoutStreams.pushes).toBeGreaterThan(0);
    expect(result.cpu.serverSeconds).toBeGreaterThan(0);
    expect(result.cpu.machineBusy).toBeGreaterThan(0);
    expect(result.cpu.machineBusy).toBeLessThanOrEqual(1);
  });
});
