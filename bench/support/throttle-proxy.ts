/**
 * A throttling TCP proxy for benchmarks (loopback only): clients connect to the proxy as if it were
 * the target HTTP server, and every byte in each direction crosses an emulated link first.
 *
 * The link model (one link per proxy, shared by all its connections, as one phone has one radio):
 * - bandwidth per direction: a byte leaves only after every byte queued before it on that direction
 *   has been serialized at the configured rate (store-and-forward in slices of ≤ 4 KiB, so the first
 *   bytes of a large answer arrive early, as on a real link);
 * - latency: half the round trip is added to each direction, so a request and its answer cost one
 *   RTT plus their transfer time; a new connection costs one extra RTT before its first byte is
 *   forwarded (the TCP handshake the proxy skips on loopback).
 * Presets follow Chrome DevTools' network throttling (the reference Lighthouse uses for "devtools"
 * throttling): Fast 3G = 1.44 Mbit/s down, 675 kbit/s up, 562.5 ms RTT; Slow 3G = 400 kbit/s down and
 * up, 2,000 ms RTT. Unlike DevTools (which delays whole responses), this shapes bytes.
 *
 * It counts connections, HTTP/1.1 requests (parsed from the client's bytes: request line, then a
 * Content-Length or chunked body), and bytes per direction on the wire (headers included).
 * Guarantees: bytes are delivered in order per connection, never altered; a closed or failed side
 * ends the other after its queued bytes are delivered.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/** One emulated link: bandwidth in kbit/s per direction (Infinity = unshaped) and round trip in ms. */
export type LinkProfile = { name: string; downKbps: number; upKbps: number; rttMs: number };

export const LINK_PROFILES = {
  loopback: { name: 'loopback', downKbps: Number.POSITIVE_INFINITY, upKbps: Number.POSITIVE_INFINITY, rttMs: 0 },
  fast3g: { name: 'Fast 3G', downKbps: 1440, upKbps: 675, rttMs: 562.5 },
  slow3g: { name: 'Slow 3G', downKbps: 400, upKbps: 400, rttMs: 2000 },
} as const satisfies Record<string, LinkProfile>;

/** What crossed the proxy since it started (or since the last `resetStats`). */
export type ProxyStats = {
  connections: number;
  requests: number;
  /** Request lines seen, in order (`GET /sync/needs/pull?...`), to tell which requests a client made. */
  requestLines: string[];
  bytesUp: number;
  bytesDown: number;
};

export type ThrottleProxy = {
  /** `http://127.0.0.1:<port>`: use it in place of the target's origin. */
  url: string;
  port: number;
  profile: LinkProfile;
  stats(): ProxyStats;
  resetStats(): void;
  close(): Promise<void>;
};

const SLICE_BYTES = 4096;
/** Bytes queued on one connection's direction beyond which its source is paused (backpressure). */
const HIGH_WATER_BYTES = 256 * 1024;

/** One direction of the shared link: when it is next free to start sending. */
class Direction {
  private busyUntil = 0;
  constructor(
    private readonly kbps: number,
    private readonly oneWayMs: number,
  ) {}

  /** When `bytes` queued now will have arrived at the far end (ms, performance.now() clock). */
  arrivalFor(bytes: number, notBefore: number): number {
    const start = Math.max(performance.now(), this.busyUntil, notBefore);
    const sendMs = Number.isFinite(this.kbps) ? (bytes * 8) / this.kbps : 0;
    this.busyUntil = start + sendMs;
    return this.busyUntil + this.oneWayMs;
  }

  get unshaped(): boolean {
    return !Number.isFinite(this.kbps) && this.oneWayMs === 0;
  }
}

/** Delivers chunks to `sink` at their arrival times, in order; `end()` after the last one. */
class Pipe {
  private readonly queue: { at: number; data: Buffer | null }[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private notBefore: number;

  constructor(
    private readonly direction: Direction,
    private readonly source: net.Socket,
    private readonly sink: net.Socket,
    startDelayMs: number,
  ) {
    this.notBefore = performance.now() + startDelayMs;
  }

  push(chunk: Buffer): void {
    if (this.direction.unshaped && this.queue.length === 0 && performance.now() >= this.notBefore) {
      this.sink.write(chunk);
      return;
    }
    for (let offset = 0; offset < chunk.length; offset += SLICE_BYTES) {
      const slice = chunk.subarray(offset, offset + SLICE_BYTES);
      this.queue.push({ at: this.direction.arrivalFor(slice.length, this.notBefore), data: slice });
      this.queuedBytes += slice.length;
    }
    if (this.queuedBytes > HIGH_WATER_BYTES) this.source.pause();
    this.arm();
  }

  end(): void {
    const last = this.queue.at(-1);
    this.queue.push({ at: last ? last.at : Math.max(performance.now(), this.notBefore), data: null });
    this.arm();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private arm(): void {
    if (this.timer !== undefined || this.queue.length === 0) return;
    this.timer = setTimeout(() => this.drain(), Math.max(0, this.queue[0]!.at - performance.now()));
  }

  private drain(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.at <= now + 0.5) {
      const { data } = this.queue.shift()!;
      if (data === null) {
        this.sink.end();
        continue;
      }
      this.queuedBytes -= data.length;
      if (!this.sink.destroyed) this.sink.write(data);
    }
    if (this.queuedBytes <= HIGH_WATER_BYTES / 2 && this.source.isPaused()) this.source.resume();
    this.arm();
  }
}

/**
 * Counts HTTP/1.1 requests in a client's byte stream: headers up to the blank line, then a body of
 * Content-Length bytes or chunked. Enough for fetch/undici and PouchDB; no pipelining quirks needed.
 */
class RequestCounter {
  private head = '';
  private bodyLeft = 0;
  private chunked = false;
  private chunkLine = '';
  /** While chunked: bytes of the current chunk still to skip, then its trailing CRLF (2). */
  private chunkLeft = 0;

  constructor(private readonly onRequest: (line: string) => void) {}

  feed(chunk: Buffer): void {
    let index = 0;
    while (index < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - index);
        this.bodyLeft -= take;
        index += take;
      } else if (this.chunked) {
        index = this.feedChunked(chunk, index);
      } else {
        const text = chunk.toString('latin1', index);
        const end = (this.head + text).indexOf('\r\n\r\n');
        if (end === -1) {
          this.head += text;
          return;
        }
        const consumed = end + 4 - this.head.length;
        const head = (this.head + text).slice(0, end);
        this.head = '';
        index += consumed;
        this.startRequest(head);
      }
    }
  }

  private startRequest(head: string): void {
    const [line = '', ...headers] = head.split('\r\n');
    this.onRequest(line);
    for (const header of headers) {
      const [name = '', ...rest] = header.split(':');
      const value = rest.join(':').trim();
      if (/^content-length$/i.test(name)) this.bodyLeft = Number(value);
      if (/^transfer-encoding$/i.test(name) && /chunked/i.test(value)) this.chunked = true;
    }
  }

  private feedChunked(chunk: Buffer, start: number): number {
    let index = start;
    if (this.chunkLeft > 0) {
      const take = Math.min(this.chunkLeft, chunk.length - index);
      this.chunkLeft -= take;
      return index + take;
    }
    while (index < chunk.length) {
      const char = String.fromCharCode(chunk[index]!);
      index++;
      this.chunkLine += char;
      if (!this.chunkLine.endsWith('\r\n')) continue;
      const line = this.chunkLine.slice(0, -2);
      this.chunkLine = '';
      if (this.awaitingTrailerEnd) {
        if (line === '') {
          this.chunked = false;
          this.awaitingTrailerEnd = false;
        }
        return index;
      }
      const size = Number.parseInt(line.split(';')[0] ?? '', 16);
      if (size === 0) this.awaitingTrailerEnd = true;
      else this.chunkLeft = size + 2;
      return index;
    }
    return index;
  }

  private awaitingTrailerEnd = false;
}

/** Starts a proxy on 127.0.0.1 that forwards to `target` (an origin like `http://127.0.0.1:5984`) through `profile`. */
export async function startThrottleProxy(target: string, profile: LinkProfile): Promise<ThrottleProxy> {
  const targetUrl = new URL(target);
  const up = new Direction(profile.upKbps, profile.rttMs / 2);
  const down = new Direction(profile.downKbps, profile.rttMs / 2);
  let stats = emptyStats();
  const sockets = new Set<net.Socket>();

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    stats.connections++;
    const counter = new RequestCounter((line) => {
      stats.requests++;
      stats.requestLines.push(line);
    });
    const upstream = net.connect({ host: targetUrl.hostname, port: Number(targetUrl.port), allowHalfOpen: true });
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // The handshake a real link would cost: one round trip before the first request can leave.
    const toServer = new Pipe(up, client, upstream, profile.rttMs);
    const toClient = new Pipe(down, upstream, client, 0);
    client.on('data', (chunk: Buffer) => {
      stats.bytesUp += chunk.length;
      counter.feed(chunk);
      toServer.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      stats.bytesDown += chunk.length;
      toClient.push(chunk);
    });
    client.on('end', () => toServer.end());
    upstream.on('end', () => toClient.end());
    const fail = () => {
      toServer.cancel();
      toClient.cancel();
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    profile,
    stats: () => ({ ...stats, requestLines: [...stats.requestLines] }),
    resetStats: () => {
      stats = emptyStats();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function emptyStats(): ProxyStats {
  return { connections: 0, requests: 0, requestLines: [], bytesUp: 0, bytesDown: 0 };
}

/** Measured against configured throughput for one profile: a raw download and upload of known size. */
export type Calibration = {
  profile: string;
  bytes: number;
  configuredDownKbps: number;
  measuredDownKbps: number;
  configuredUpKbps: number;
  measuredUpKbps: number;
  configuredRttMs: number;
  /** The time of an empty request on a warm connection: the round trip as the proxy delivers it. */
  measuredRttMs: number;
};

/**
 * Calibrates `profile`: through a fresh proxy, times a download and an upload of `bytes` random
 * (incompressible) bytes from a plain node:http server on a warm keep-alive connection, and
 * computes the throughput from (time − measured round trip). Loopback reports what it can do unshaped.
 */
export async function calibrate(profile: LinkProfile, bytes = defaultCalibrationBytes(profile)): Promise<Calibration> {
  const payload = randomBytes(bytes);
  const origin = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/download') response.end(payload);
      else response.end(String(Buffer.concat(chunks).length));
    });
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const proxy = await startThrottleProxy(`http://127.0.0.1:${(origin.address() as AddressInfo).port}`, profile);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await request(agent, proxy.port, 'GET', '/empty'); // opens the connection (handshake round trip)
    const rttStart = performance.now();
    await request(agent, proxy.port, 'GET', '/empty');
    const measuredRttMs = performance.now() - rttStart;
    const downStart = performance.now();
    const received = await request(agent, proxy.port, 'GET', '/download');
    const downMs = performance.now() - downStart;
    if (received.length !== bytes) throw new Error(`calibration received ${received.length} of ${bytes} bytes`);
    const upStart = performance.now();
    const echoed = await request(agent, proxy.port, 'POST', '/upload', payload);
    const upMs = performance.now() - upStart;
    if (Number(echoed.toString()) !== bytes) throw new Error(`calibration uploaded ${echoed.toString()} of ${bytes} bytes`);
    const kbps = (ms: number) => Math.round((bytes * 8) / Math.max(ms - measuredRttMs, 0.001));
    return {
      profile: profile.name,
      bytes,
      configuredDownKbps: profile.downKbps,
      measuredDownKbps: kbps(downMs),
      configuredUpKbps: profile.upKbps,
      measuredUpKbps: kbps(upMs),
      configuredRttMs: profile.rttMs,
      measuredRttMs: Math.round(measuredRttMs),
    };
  } finally {
    agent.destroy();
    await proxy.close();
    await new Promise<void>((resolve) => origin.close(() => resolve()));
  }
}

/** About 2 s of transfer at the profile's slower direction (1 MiB unshaped). */
function defaultCalibrationBytes(profile: LinkProfile): number {
  const kbps = Math.min(profile.downKbps, profile.upKbps);
  return Number.isFinite(kbps) ? Math.round((kbps * 1000 * 2) / 8) : 1024 * 1024;
}

function request(agent: http.Agent, port: number, method: string, path: string, body?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, method, path, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks)));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
