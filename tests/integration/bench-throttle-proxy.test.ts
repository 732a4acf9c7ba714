/**
 * The benchmarks' throttling proxy (bench/support/throttle-proxy.ts): it delivers bytes unaltered,
 * shapes them to the configured bandwidth and round trip, and counts connections, requests and bytes.
 * Timings are checked loosely (a shared machine), enough to catch a proxy that does not throttle.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { calibrate, LINK_PROFILES, startThrottleProxy, type ThrottleProxy } from '../../bench/support/throttle-proxy';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

/** An origin that answers `/bytes/<n>` with n bytes and echoes the length of any request body. */
async function startOrigin(): Promise<string> {
  const server = http.createServer((request, response) => {
    let length = 0;
    request.on('data', (chunk: Buffer) => (length += chunk.length));
    request.on('end', () => {
      const match = /^\/bytes\/(\d+)$/.exec(request.url ?? '');
      response.end(match ? Buffer.alloc(Number(match[1]), 97) : `received ${length}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function proxyTo(origin: string, profile: Parameters<typeof startThrottleProxy>[1]): Promise<ThrottleProxy> {
  const proxy = await startThrottleProxy(origin, profile);
  cleanup.push(() => proxy.close());
  return proxy;
}

describe('throttle proxy', () => {
  it('forwards requests and answers unaltered and counts requests, connections and bytes', async () => {
    const proxy = await proxyTo(await startOrigin(), LINK_PROFILES.loopback);
    const body = await (await fetch(`${proxy.url}/bytes/100000`)).arrayBuffer();
    expect(body.byteLength).toBe(100_000);
    // A streamed (chunked) request body, then a Content-Length one, on the same keep-alive connection.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(3000));
        controller.enqueue(new Uint8Array(2000));
        controller.close();
      },
    });
    const echoed = await fetch(`${proxy.url}/echo`, { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
    expect(await echoed.text()).toBe('received 5000');
    expect(await (await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'x'.repeat(700) })).text()).toBe('received 700');

    const stats = proxy.stats();
    expect(stats.requests).toBe(3);
    expect(stats.requestLines).toEqual(['GET /bytes/100000 HTTP/1.1', 'POST /echo HTTP/1.1', 'POST /echo HTTP/1.1']);
    // undici may open a second connection for the streamed body; never one per byte or chunk.
    expect(stats.connections).toBeGreaterThanOrEqual(1);
    expect(stats.connections).toBeLessThanOrEqual(3);
    expect(stats.bytesDown).toBeGreaterThan(100_000);
    expect(stats.bytesUp).toBeGreaterThan(5_700);
    proxy.resetStats();
    expect(proxy.stats()).toEqual({ connections: 0, requests: 0, requestLines: [], bytesUp: 0, bytesDown: 0 });
  });

  it('adds the round trip and shapes the bandwidth per direction', async () => {
    const proxy = await proxyTo(await startOrigin(), { name: 'test', downKbps: 4000, upKbps: 1000, rttMs: 200 });
    const started = performance.now();
    await (await fetch(`${proxy.url}/bytes/10`)).arrayBuffer();
    // A new connection: the handshake round trip, then the request's.
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    const downStart = performance.now();
    await (await fetch(`${proxy.url}/bytes/100000`)).arrayBuffer(); // 100 kB at 4 Mbit/s = 200 ms + 200 ms RTT
    const downMs = performance.now() - downStart;
    expect(downMs).toBeGreaterThanOrEqual(390);
    expect(downMs).toBeLessThan(1500);
    const upStart = performance.now();
    await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'x'.repeat(25_000) }); // 25 kB at 1 Mbit/s = 200 ms + RTT
    expect(performance.now() - upStart).toBeGreaterThanOrEqual(390);
  });

  it('calibrates: the measured throughput is the configured one', async () => {
    const result = await calibrate({ name: 'test', downKbps: 8000, upKbps: 4000, rttMs: 100 }, 200_000);
    expect(result.measuredDownKbps / result.configuredDownKbps).toBeGreaterThan(0.8);
    expect(result.measuredDownKbps / result.configuredDownKbps).toBeLessThan(1.25);
    expect(result.measuredUpKbps / result.configuredUpKbps).toBeGreaterThan(0.8);
    expect(result.measuredUpKbps / result.configuredUpKbps).toBeLessThan(1.25);
    expect(result.measuredRttMs).toBeGreaterThanOrEqual(100);
  });
});
