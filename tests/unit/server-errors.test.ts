/**
 * Which failures mean "the store cannot be reached now" (503 store-unavailable, try again) rather
 * than a bug (500). The errors are the real ones: fetch and nano against loopback sockets that
 * refuse, close mid-request or answer with an error status; only failures a test cannot provoke
 * quickly (timeouts, unroutable hosts) are built in the shape undici and Node give them.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import Nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, isStoreUnreachable } from '../../sync-server/errors';

type Endpoints = { closedPort: number; hangUp: number; cutBody: number; status: (code: number) => string };
let endpoints: Endpoints;
const servers: net.Server[] = [];

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const closed = net.createServer();
  const closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  // Accepts, reads the request, and closes without answering: a store killed mid-request.
  const hangUp = await listen(net.createServer((socket) => socket.once('data', () => socket.destroy())));
  // Sends the headers of a 200 and dies halfway through the body.
  const cutBody = await listen(
    net.createServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"rows":[');
        setTimeout(() => socket.destroy(), 20);
      }),
    ),
  );
  const statusServer = http.createServer((req, res) => {
    const code = Number(req.url?.split('/')[1]);
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'status', reason: `answered ${code}` }));
  });
  const statusPort = await listen(statusServer);
  endpoints = { closedPort, hangUp, cutBody, status: (code) => `http://127.0.0.1:${statusPort}/${code}` };
});

afterAll(() => {
  for (const server of servers) server.close();
});

async function failureOf(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected the attempt to fail');
}

function nanoDb(url: string) {
  return Nano({ url, parseUrl: false } as Nano.Configuration).use('c4c_needs');
}

function withCode(message: string, code: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

/** How undici reports a failure of fetch: TypeError('fetch failed') caused by the real reason. */
function fetchFailed(cause: Error): TypeError {
  return new TypeError('fetch failed', { cause });
}

describe('isStoreUnreachable', () => {
  it.each<[string, () => Promise<unknown>]>([
    ['fetch to a port nobody listens on (ECONNREFUSED in the cause)', () => failureOf(() => fetch(`http://127.0.0.1:${endpoints.closedPort}/`))],
    ['fetch whose connection is closed before an answer (SocketError: other side closed)', () => failureOf(() => fetch(`http://127.0.0.1:${endpoints.hangUp}/`))],
    ['fetch whose answer is cut halfway (terminated ← other side closed)', () => failureOf(async () => (await fetch(`http://127.0.0.1:${endpoints.cutBody}/`)).text())],
    ['nano: refused (only the reason\'s text survives)', () => failureOf(() => nanoDb(`http://127.0.0.1:${endpoints.closedPort}`).get('x'))],
    ['nano: the store died mid-request (a push in flight)', () => failureOf(() => nanoDb(`http://127.0.0.1:${endpoints.hangUp}`).bulk({ docs: [{ _id: 'a' }] }))],
    ['node:http: socket hang up (ECONNRESET)', () =>
      failureOf(
        () =>
          new Promise((resolve, reject) => {
            http.get(`http://127.0.0.1:${endpoints.hangUp}/`, resolve).on('error', reject);
          }),
      )],
    ['nano: 503 from a proxy or a cluster node in front of the store', () => failureOf(() => Nano({ url: endpoints.status(503), parseUrl: false } as Nano.Configuration).info())],
    ['nano: 502', () => failureOf(() => Nano({ url: endpoints.status(502), parseUrl: false } as Nano.Configuration).info())],
    ['nano: 504', () => failureOf(() => Nano({ url: endpoints.status(504), parseUrl: false } as Nano.Configuration).info())],
  ])('is true for %s', async (_label, provoke) => {
    expect(isStoreUnreachable(await provoke())).toBe(true);
  });

  it.each<[string, unknown]>([
    ['EPIPE (writing to a socket the store closed)', withCode('write EPIPE', 'EPIPE', { errno: -32, syscall: 'write' })],
    ['ETIMEDOUT', fetchFailed(withCode('connect ETIMEDOUT 10.0.0.5:5984', 'ETIMEDOUT'))],
    ['EHOSTUNREACH', fetchFailed(withCode('connect EHOSTUNREACH 10.0.0.5:5984', 'EHOSTUNREACH'))],
    ['ENETUNREACH', fetchFailed(withCode('connect ENETUNREACH 10.0.0.5:5984', 'ENETUNREACH'))],
    ['EAI_AGAIN (DNS of the cluster not answering)', fetchFailed(withCode('getaddrinfo EAI_AGAIN couch.internal', 'EAI_AGAIN'))],
    ['a dual-stack refusal (AggregateError of ECONNREFUSED)', fetchFailed(Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:5984', 'ECONNREFUSED'), withCode('connect ECONNREFUSED 127.0.0.1:5984', 'ECONNREFUSED')]), { code: undefined }))],
    ['undici headers timeout', fetchFailed(Object.assign(withCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'), { name: 'HeadersTimeoutError' }))],
    ['undici body timeout', new TypeError('terminated', { cause: Object.assign(withCode('Body Timeout Error', 'UND_ERR_BODY_TIMEOUT'), { name: 'BodyTimeoutError' }) })],
    ['undici connect timeout', fetchFailed(Object.assign(withCode('Connect Timeout Error (attempted address: 10.0.0.5:5984, timeout: 10000ms)', 'UND_ERR_CONNECT_TIMEOUT'), { name: 'ConnectTimeoutError' }))],
    ['nano wrapping a headers timeout in text', new Error('error happened in your connection. Reason: HeadersTimeoutError: Headers Timeout Error')],
    ['a cause three levels down', new Error('reading related documents', { cause: new Error('lookup', { cause: fetchFailed(withCode('read ECONNRESET', 'ECONNRESET')) }) })],
  ])('is true for %s', (_label, error) => {
    expect(isStoreUnreachable(error)).toBe(true);
  });

  it.each<[string, () => Promise<unknown>]>([
    ['nano: 404 not found', () => failureOf(() => Nano({ url: endpoints.status(404), parseUrl: false } as Nano.Configuration).info())],
    ['nano: 409 conflict', () => failureOf(() => Nano({ url: endpoints.status(409), parseUrl: false } as Nano.Configuration).info())],
    ['nano: 401 (wrong store credentials: a configuration error, not an outage)', () => failureOf(() => Nano({ url: endpoints.status(401), parseUrl: false } as Nano.Configuration).info())],
    ['nano: 500 (the store failed on this request: a bug to look at)', () => failureOf(() => Nano({ url: endpoints.status(500), parseUrl: false } as Nano.Configuration).info())],
  ])('is false for %s', async (_label, provoke) => {
    expect(isStoreUnreachable(await provoke())).toBe(false);
  });

  const cyclic = new Error('cyclic');
  (cyclic as { cause?: unknown }).cause = cyclic;
  it.each<[string, unknown]>([
    ['a bug in our code', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['an API error', new ApiError(404, 'not-found', 'No route')],
    ['a plain error', new Error('boom')],
    ['an error whose cause chain loops', cyclic],
    ['a thrown string', 'ECONNREFUSED'],
    ['null', null],
    ['undefined', undefined],
  ])('is false for %s', (_label, error) => {
    expect(isStoreUnreachable(error)).toBe(false);
  });
});
