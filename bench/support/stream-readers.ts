/**
 * The live-clients benchmark's readers in a process of their own: S open live streams
 * (`GET /api/sync/stream`), each recording the ids of the documents it receives. Reading 1,000
 * streams keeps a core busy; in the process that also times the pushes, that work delayed the
 * pushes' answers on the client's side and counted as push latency. Started by
 * `startStreamReaders` (fork); each stream is one node:http request on its own socket (the agent
 * has no socket limit); S sockets need S file descriptors on each side (`ulimit -n`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** What the streams received against what they should have (ids per reader). */
export type Deliveries = {
  /** Deliveries of a pushed document that the streams should get (each stream: its reader's expected ids). */
  expected: number;
  /** Deliveries of a pushed document to a stream whose reader should get it. */
  received: number;
  /** Expected but never received. */
  missing: number;
  /** Pushed documents received by a stream whose reader should not get them. */
  unexpected: number;
  /** Streams that ended or failed before the check. */
  streamsLost: number;
  /** From the request to settle until nothing was missing (or the timeout). */
  settleMs: number;
};

export type StreamReaders = {
  /** Opens `count` streams in waves, stream i as reader `i % cookies.length`; resolves once all are connected. */
  open(url: string, cookies: readonly string[], count: number): Promise<void>;
  /** Waits (up to `timeoutMs`) until every stream has every id `expected[reader]` lists; ids not in `pushed` are ignored. */
  settle(expected: readonly (readonly string[])[], pushed: readonly string[], timeoutMs: number): Promise<Deliveries>;
  /** CPU seconds (user + system) the readers' process has used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
};

type Request =
  | { type: 'open'; url: string; cookies: string[]; count: number }
  | { type: 'settle'; expected: string[][]; pushed: string[]; timeoutMs: number }
  | { type: 'cpu' };
type Reply = { type: 'opened' } | ({ type: 'settled' } & Deliveries) | { type: 'cpu'; seconds: number } | { type: 'error'; message: string };

/** Streams opened at once (phones do not all connect in the same instant; each open costs the server a session read). */
const OPEN_WAVE = 100;
const OPEN_TIMEOUT_MS = 180_000;
/** "id" is exactly the documents' own key in a change event. */
const DOCUMENT_ID = /"id":"([^"]+)"/g;

export function startStreamReaders(): StreamReaders {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, C4C_STREAM_READERS: '1' }, execArgv: ['--import', 'tsx'] });
  const ask = <T extends Reply['type']>(request: Request, type: T) =>
    new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      const onMessage = (message: Reply) => {
        if (message.type === 'error') reject(new Error(message.message));
        else if (message.type === type) resolve(message as Extract<Reply, { type: T }>);
        else return;
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onExit = (code: number | null) => reject(new Error(`the stream readers' process exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  return {
    async open(url, cookies, count) {
      await ask({ type: 'open', url, cookies: [...cookies], count }, 'opened');
    },
    async settle(expected, pushed, timeoutMs) {
      const { expected: total, received, missing, unexpected, streamsLost, settleMs } = await ask({ type: 'settle', expected: expected.map((ids) => [...ids]), pushed: [...pushed], timeoutMs }, 'settled');
      return { expected: total, received, missing, unexpected, streamsLost, settleMs };
    },
    async cpuSeconds() {
      return (await ask({ type: 'cpu' }, 'cpu')).seconds;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

type Stream = { reader: number; ids: Set<string>; connected: boolean; ended: boolean; request: http.ClientRequest };

/** Opens one live stream as `cookie`; ids of every document it receives land in `ids`. */
function openStream(url: URL, cookie: string, agent: http.Agent, reader: number, onConnected: () => void): Stream {
  const stream: Stream = { reader, ids: new Set(), connected: false, ended: false, request: undefined as unknown as http.ClientRequest };
  stream.request = http.get({ host: url.hostname, port: url.port, path: '/api/sync/stream', headers: { cookie }, agent }, (response) => {
    if (response.statusCode !== 200) {
      stream.ended = true;
      response.resume();
      return;
    }
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.lastIndexOf('\n\n');
      if (end < 0) return;
      const complete = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!stream.connected && complete.includes(': connected')) {
        stream.connected = true;
        onConnected();
      }
      // Only "data:" lines of change events name documents.
      for (const line of complete.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        for (const match of line.matchAll(DOCUMENT_ID)) stream.ids.add(match[1]!);
      }
    });
    response.on('close', () => (stream.ended = true));
  });
  stream.request.on('error', () => (stream.ended = true));
  return stream;
}

async function openAll(streams: Stream[], agent: http.Agent, url: URL, cookies: readonly string[], count: number): Promise<void> {
  let connected = 0;
  const deadline = performance.now() + OPEN_TIMEOUT_MS;
  for (let first = 0; first < count; first += OPEN_WAVE) {
    const target = connected + Math.min(OPEN_WAVE, count - first);
    await new Promise<void>((resolve, reject) => {
      for (let i = first; i < Math.min(count, first + OPEN_WAVE); i++) {
        const reader = i % cookies.length;
        streams.push(openStream(url, cookies[reader]!, agent, reader, () => (connected += 1)));
      }
      const timer = setInterval(() => {
        if (connected >= target) {
          clearInterval(timer);
          resolve();
        } else if (performance.now() > deadline) {
          clearInterval(timer);
          reject(new Error(`only ${connected} of ${count} streams connected in ${OPEN_TIMEOUT_MS / 1000} s`));
        }
      }, 50);
    });
  }
}

async function settle(streams: readonly Stream[], expectedIds: readonly string[][], pushedIds: readonly string[], timeoutMs: number): Promise<Deliveries> {
  const started = performance.now();
  const expected = expectedIds.map((ids) => new Set(ids));
  const pushed = new Set(pushedIds);
  const missingOf = (stream: Stream) => {
    let missing = 0;
    for (const id of expected[stream.reader]!) if (!stream.ids.has(id)) missing += 1;
    return missing;
  };
  let missing = 0;
  while (performance.now() - started < timeoutMs) {
    missing = streams.reduce((sum, stream) => sum + missingOf(stream), 0);
    if (missing === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const settleMs = performance.now() - started;
  let received = 0;
  let unexpected = 0;
  for (const stream of streams) {
    for (const id of stream.ids) {
      if (!pushed.has(id)) continue;
      if (expected[stream.reader]!.has(id)) received += 1;
      else unexpected += 1;
    }
  }
  return {
    expected: streams.reduce((sum, stream) => sum + expected[stream.reader]!.size, 0),
    received,
    missing,
    unexpected,
    streamsLost: streams.filter((stream) => stream.ended).length,
    settleMs: Math.round(settleMs),
  };
}

if (process.env.C4C_STREAM_READERS === '1' && process.send) {
  const send = (message: Reply) => process.send!(message);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const streams: Stream[] = [];
  const fail = (error: unknown) => send({ type: 'error', message: (error as Error).message });
  process.on('message', (message: Request) => {
    if (message.type === 'open') openAll(streams, agent, new URL(message.url), message.cookies, message.count).then(() => send({ type: 'opened' }), fail);
    else if (message.type === 'settle') settle(streams, message.expected, message.pushed, message.timeoutMs).then((deliveries) => send({ type: 'settled', ...deliveries }), fail);
    else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', seconds: (user + system) / 1e6 });
    }
  });
  process.on('SIGTERM', () => {
    for (const stream of streams) stream.request.destroy();
    agent.destroy();
    process.exit(0);
  });
}
