/**
 * A fault-injecting HTTP proxy between phones and the sync server, on loopback. While `enabled`, each
 * request draws (from a seeded random, so a seed replays the same sequence of decisions) whether it
 * passes or meets one fault, and every fault is counted by kind:
 * - `drop-before-request`: the connection dies before anything reaches the server;
 * - `drop-mid-request`: part of the body reaches the server, then both connections die (POST only);
 * - `drop-after-write`: the whole request reaches the server and its whole answer comes back to
 *   the proxy, then the phone's connection dies: the server wrote, the phone never hears so;
 * - `stall`: the request is held, sometimes past the phone's timeout, then forwarded anyway (a late
 *   delivery: the server may write a push the phone has already given up on and retried);
 * - `truncate-answer`: the answer's headers and part of its body reach the phone, then the
 *   connection dies; half of these end "cleanly" as a close-delimited answer (no length, no
 *   chunking), the way a cut looks when the framing cannot tell;
 * - `cut-stream`: the live stream (`/api/sync/stream`) is cut after a random time, mid-frame or not.
 * With `enabled` false every request passes untouched (the end of a campaign syncs through it).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULT_KINDS = ['drop-before-request', 'drop-mid-request', 'drop-after-write', 'stall', 'truncate-answer', 'cut-stream'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultProxyOptions = {
  /** Origin of the sync server, e.g. http://127.0.0.1:41234 (read at each request, so it may change). */
  target: () => string;
  random: () => number;
  /** Share of requests that meet a fault while enabled. */
  faultRate: number;
  /** The phones' request timeout: stalls are drawn around it. */
  clientTimeoutMs: number;
  /** The longest a live stream is left open before it is cut. */
  maxStreamMs?: number;
};

const isStream = (req: http.IncomingMessage) => (req.url ?? '').startsWith('/api/sync/stream');

export class FaultProxy {
  enabled = true;
  readonly counts: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  requests = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server,
    private readonly options: FaultProxyOptions,
  ) {}

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const server = http.createServer();
    const proxy = new FaultProxy(server, options);
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
      // A destroyed peer shows up as an error on the other side; both are expected here.
      socket.on('error', () => {});
    });
    server.on('request', (req, res) => proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** All faults injected so far. */
  get total(): number {
    return FAULT_KINDS.reduce((sum, kind) => sum + this.counts[kind], 0);
  }

  /** Cuts every open connection (e.g. the live streams), without counting it as a fault. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private count(kind: FaultKind): void {
    this.counts[kind]++;
  }

  /** The fault this request meets, or null. */
  private draw(req: http.IncomingMessage): FaultKind | null {
    const { random, faultRate } = this.options;
    if (!this.enabled || random() >= faultRate) return null;
    // Every stream is cut anyway (cutStreamLater); a drawn `cut-stream` only comes sooner.
    const kinds: FaultKind[] = isStream(req)
      ? ['drop-before-request', 'stall', 'cut-stream']
      : ['drop-before-request', 'drop-after-write', 'stall', 'truncate-answer', ...(req.method === 'POST' ? (['drop-mid-request', 'drop-after-write'] as const) : [])];
    return kinds[Math.floor(random() * kinds.length)]!;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests++;
    const fault = this.draw(req);
    const { random } = this.options;
    // Decided now, from the seeded random, so the order of draws does not depend on timing.
    const share = random();
    if (fault === 'drop-before-request') {
      this.count(fault);
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => {});
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (fault === 'stall') {
        this.count(fault);
        // Between a third of the timeout and 1.6 times it: sometimes the phone gives up first.
        const hold = this.options.clientTimeoutMs * (0.3 + 1.3 * share);
        this.later(hold, () => this.forward(req, res, body, null, share));
        return;
      }
      this.forward(req, res, body, fault, share);
    });
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, fault: FaultKind | null, share: number): void {
    const target = new URL(this.options.target());
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent: false,
    });
    upstream.on('error', () => req.socket.destroy());
    // The phone gave up (timeout, abort): its request goes on (a late delivery), its answer has nowhere to go.
    const phoneGone = () => req.socket.destroyed;

    if (fault === 'drop-mid-request') {
      this.count(fault);
      upstream.flushHeaders();
      upstream.write(body.subarray(0, Math.floor(body.length * share)));
      this.later(20, () => {
        upstream.destroy();
        req.socket.destroy();
      });
      return;
    }
    upstream.end(body);
    upstream.on('response', (answer) => {
      answer.on('error', () => req.socket.destroy());
      if (isStream(req) && answer.statusCode === 200) this.cutStreamLater(req, upstream, fault === 'cut-stream' ? share * 0.2 : this.options.random());
      if (fault === 'drop-after-write' || fault === 'truncate-answer') {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          this.count(fault);
          const whole = Buffer.concat(parts);
          if (fault === 'drop-after-write' || phoneGone()) {
            req.socket.destroy();
            return;
          }
          const cut = whole.subarray(0, Math.floor(whole.length * share));
          if (share < 0.5) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.write(cut);
            this.later(10, () => req.socket.destroy());
          } else {
            this.closeDelimited(req.socket, answer, cut);
          }
        });
        return;
      }
      if (phoneGone()) {
        answer.resume();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      res.on('close', () => upstream.destroy());
    });
  }

  /**
   * Every live stream is cut at a random moment while the faults are on (a stream opened while they
   * were off included); while they are off the timer only comes back later.
   */
  private cutStreamLater(req: http.IncomingMessage, upstream: http.ClientRequest, share: number): void {
    this.later(50 + share * (this.options.maxStreamMs ?? 3000), () => {
      if (req.socket.destroyed) return;
      if (!this.enabled) {
        this.cutStreamLater(req, upstream, this.options.random());
        return;
      }
      this.count('cut-stream');
      req.socket.destroy();
      upstream.destroy();
    });
  }

  /** Writes a raw answer whose end is the connection's close, cut short, and closes: it looks complete. */
  private closeDelimited(socket: Socket, answer: http.IncomingMessage, cut: Buffer): void {
    const skip = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);
    const lines = [`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}`];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) {
      const name = answer.rawHeaders[i]!;
      if (!skip.has(name.toLowerCase())) lines.push(`${name}: ${answer.rawHeaders[i + 1]!}`);
    }
    lines.push('connection: close', '', '');
    socket.write(lines.join('\r\n'));
    socket.end(cut);
  }
}
