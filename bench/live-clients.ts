/**
 * Benchmark: live clients. One server (in its own process, bench/support/server-process.ts) holds S
 * open live streams (`GET /api/sync/stream`) while P phones each push one need a second for D
 * seconds. Streams belong to readers of different municipalities and roles (verified officials,
 * an official of a municipality still pending, a moderator), and every fifth need is a draft, so
 * what each stream may read differs. Measured: push latency (p50/p95/p99), every delivery counted
 * per stream against what `mayRead` of domain/ allows that reader (missing and unexpected ones),
 * and the server's memory (RSS and heap after a full GC) before and after the streams opened,
 * divided by the number of streams. Each stream is one node:http request on its own socket (the
 * agent has no socket limit); S sockets need S file descriptors on each side (`ulimit -n`).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { mayRead, type Actor } from '../domain/permissions';
import type { Need } from '../domain/schemas/need';
import type { Municipality } from '../domain/schemas/municipality';
import type { PushResponse } from '../domain/sync-protocol';
import { registerMunicipality, signInModerator, TEST_ADMIN, verifiedMunicipality, type TestMember } from '../tests/integration/support/accounts';
import { barChartSvg } from './plot';
import { startServerProcess, type ServerMemory } from './support/server-process';
import { benchNeed, round3 } from './sync-push';

export type LiveClientsOptions = { streams: number; phones: number; seconds: number; pushesPerSecond?: number };

export type LiveClients = {
  streams: number;
  phones: number;
  seconds: number;
  readers: number;
  pushes: number;
  pushP50Ms: number;
  pushP95Ms: number;
  pushP99Ms: number;
  pushMaxMs: number;
  /** Deliveries of a pushed need to a stream whose reader may read it. */
  expectedDeliveries: number;
  receivedDeliveries: number;
  /** Expected but never received (goal: 0). */
  missingDeliveries: number;
  /** Received by a reader who may not read it (must be 0). */
  unexpectedDeliveries: number;
  /** Streams that ended or failed before the end of the run (goal: 0). */
  streamsLost: number;
  /** From the last push to the last expected delivery. */
  settleMs: number;
  memoryBefore: ServerMemory;
  memoryOpen: ServerMemory;
  memoryAfter: ServerMemory;
  rssPerStreamKb: number;
  heapPerStreamKb: number;
  fdLimit: string;
};

type Stream = { reader: number; ids: Set<string>; connected: boolean; ended: boolean; request: http.ClientRequest };

/** Streams opened at once. */
const OPEN_WAVE = 100;

const NEED_ID = /"id":"([^"]+)"/g;

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
      // Only "data:" lines of change events name documents; "id" is exactly the documents' own key.
      for (const line of complete.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        for (const match of line.matchAll(NEED_ID)) stream.ids.add(match[1]!);
      }
    });
    response.on('close', () => (stream.ended = true));
  });
  stream.request.on('error', () => (stream.ended = true));
  return stream;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

export async function runLiveClients({ streams: streamCount, phones, seconds, pushesPerSecond = 1 }: LiveClientsOptions): Promise<LiveClients> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-live-'));
  const server = await startServerProcess({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const streams: Stream[] = [];
  try {
    const moderator = await signInModerator(server.url);
    // Writers: five verified municipalities and one still pending (its needs stay unpublished).
    const verifiedWriters = await Promise.all(Array.from({ length: 5 }, () => verifiedMunicipality(server.url, moderator)));
    const pendingWriter = await registerMunicipality(server.url);
    const writers = [...verifiedWriters, pendingWriter];
    const onlyReaders = await Promise.all(Array.from({ length: 4 }, () => verifiedMunicipality(server.url, moderator)));
    const readers: TestMember[] = [...writers, ...onlyReaders, moderator];
    const actors: Actor[] = readers.map((reader) => reader.profile.actor);
    const municipalities = new Map<string, Municipality>(writers.map((writer) => [writer.municipalityId, writer.profile.municipality!]));

    const memoryBefore = await server.memory();
    const url = new URL(server.url);
    // Streams open in waves of OPEN_WAVE (phones do not all connect in the same instant); each
    // open costs the server a session read from the store.
    let connected = 0;
    const openDeadline = performance.now() + 180_000;
    for (let first = 0; first < streamCount; first += OPEN_WAVE) {
      const wave = Math.min(OPEN_WAVE, streamCount - first);
      const target = connected + wave;
      await new Promise<void>((resolve, reject) => {
        const check = () => (connected >= target ? resolve() : undefined);
        for (let i = first; i < first + wave; i++) {
          const reader = i % readers.length;
          streams.push(openStream(url, readers[reader]!.browser.cookieHeader ?? '', agent, reader, () => ((connected += 1), check())));
        }
        const timer = setInterval(() => {
          if (connected >= target) clearInterval(timer);
          else if (performance.now() > openDeadline) {
            clearInterval(timer);
            reject(new Error(`only ${connected} of ${streamCount} streams connected in 180 s`));
          }
        }, 200);
      });
    }
    const memoryOpen = await server.memory();

    // Phones push at a fixed rate each, spread over the second; a push slower than the period delays only its phone.
    const pushed: { need: Need; writer: number }[] = [];
    const latencies: number[] = [];
    const periodMs = 1000 / pushesPerSecond;
    const runStart = performance.now();
    await Promise.all(
      Array.from({ length: phones }, async (_, phone) => {
        const writer = phone % writers.length;
        const member = writers[writer]!;
        await new Promise((resolve) => setTimeout(resolve, (phone / phones) * periodMs));
        for (let k = 0; performance.now() - runStart < seconds * 1000; k++) {
          const need: Need = { ...benchNeed(member.municipalityId), ...(k % 5 === 4 ? { status: 'draft' as const } : {}) };
          const start = performance.now();
          const response = await fetch(`${server.url}/api/sync/needs/push`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: member.browser.cookieHeader ?? '' },
            body: JSON.stringify([{ newDocumentState: need }]),
          });
          const body = (await response.json()) as PushResponse;
          latencies.push(performance.now() - start);
          if (!response.ok || body.refused.length > 0 || body.conflicts.length > 0) throw new Error(`push answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
          pushed.push({ need, writer });
          const wait = runStart + (phone / phones) * periodMs + (k + 1) * periodMs - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }),
    );
    const pushesEnd = performance.now();

    const expectedOf = (reader: number) => {
      const ids = new Set<string>();
      for (const { need, writer } of pushed) {
        if (mayRead(actors[reader]!, 'needs', need, { municipality: municipalities.get(writers[writer]!.municipalityId) })) ids.add(need.id);
      }
      return ids;
    };
    const expected = readers.map((_, reader) => expectedOf(reader));
    const missingOf = (stream: Stream) => [...expected[stream.reader]!].filter((id) => !stream.ids.has(id)).length;
    const deadline = pushesEnd + 30_000;
    let lastMissing = 0;
    while (performance.now() < deadline) {
      lastMissing = streams.reduce((sum, stream) => sum + missingOf(stream), 0);
      if (lastMissing === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const settleMs = performance.now() - pushesEnd;
    const pushedIds = new Set(pushed.map(({ need }) => need.id));
    let received = 0;
    let unexpected = 0;
    for (const stream of streams) {
      for (const id of stream.ids) {
        if (!pushedIds.has(id)) continue;
        if (expected[stream.reader]!.has(id)) received += 1;
        else unexpected += 1;
      }
    }
    const streamsLost = streams.filter((stream) => stream.ended).length;
    const memoryAfter = await server.memory();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      streams: streamCount,
      phones,
      seconds,
      readers: readers.length,
      pushes: pushed.length,
      pushP50Ms: Math.round(percentile(sorted, 50)),
      pushP95Ms: Math.round(percentile(sorted, 95)),
      pushP99Ms: Math.round(percentile(sorted, 99)),
      pushMaxMs: Math.round(sorted.at(-1) ?? 0),
      expectedDeliveries: streams.reduce((sum, stream) => sum + expected[stream.reader]!.size, 0),
      receivedDeliveries: received,
      missingDeliveries: lastMissing,
      unexpectedDeliveries: unexpected,
      streamsLost,
      settleMs: Math.round(settleMs),
      memoryBefore,
      memoryOpen,
      memoryAfter,
      rssPerStreamKb: round3((memoryOpen.rss - memoryBefore.rss) / 1024 / streamCount),
      heapPerStreamKb: round3((memoryOpen.heapUsed - memoryBefore.heapUsed) / 1024 / streamCount),
      fdLimit: fdLimit(),
    };
  } finally {
    for (const stream of streams) stream.request.destroy();
    agent.destroy();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The open-file limit of this process (each stream is a socket on both sides). */
function fdLimit(): string {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((entry) => entry.startsWith('Max open files'));
    return line?.split(/\s{2,}/).slice(1, 3).join(' / ') ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `npm run bench -- --only live`: prints and saves bench/results/live-clients.json and .svg. */
export async function runLiveBenchmark(resultsDir: string, options: LiveClientsOptions = { streams: 1000, phones: 50, seconds: 30 }): Promise<LiveClients> {
  const result = await runLiveClients(options);
  console.table([result]);
  fs.writeFileSync(path.join(resultsDir, 'live-clients.json'), `${JSON.stringify({ ...result, node: process.version, cpus: os.cpus().length, at: new Date().toISOString() }, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, 'live-clients.svg'),
    barChartSvg(
      `${result.streams} live streams, ${result.phones} phones pushing a need a second (goal p95 ≤ 300 ms)`,
      [
        { label: 'push p50', value: result.pushP50Ms },
        { label: 'push p95', value: result.pushP95Ms },
        { label: 'push p99', value: result.pushP99Ms },
      ],
      'ms',
    ),
  );
  console.log('saved bench/results/live-clients.json and .svg');
  return result;
}
