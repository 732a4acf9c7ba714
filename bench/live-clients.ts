/**
 * Benchmark: live clients. One server (in its own process, bench/support/server-process.ts) holds S
 * open live streams (`GET /api/sync/stream`) while P phones each push one need a second for D
 * seconds. Streams belong to readers of different municipalities and roles (verified officials,
 * an official of a municipality still pending, a moderator), and every fifth need is a draft, so
 * what each stream may read differs. Measured: push latency (p50/p95/p99), every delivery counted
 * per stream against what `mayRead` of domain/ allows that reader (missing and unexpected ones),
 * and the server's memory (RSS and heap after a full GC) before and after the streams opened,
 * divided by the number of streams. The streams are read in a process of their own
 * (support/stream-readers.ts), so their parsing does not delay the pushes' answers here; the
 * same phones first push for 10 s with no stream open, and the machine's CPU is accounted while
 * they push with the streams open (server, phones, readers).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mayRead, type Actor } from '../domain/permissions';
import type { Need } from '../domain/schemas/need';
import type { Municipality } from '../domain/schemas/municipality';
import type { PushResponse } from '../domain/sync-protocol';
import { registerMunicipality, signInModerator, TEST_ADMIN, verifiedMunicipality, type TestMember } from '../tests/integration/support/accounts';
import { barChartSvg } from './plot';
import { startServerProcess, type ServerMemory } from './support/server-process';
import { startStreamReaders } from './support/stream-readers';
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
  /** The same phones pushing for up to 10 s before any stream opened. */
  withoutStreams: { pushes: number; pushP50Ms: number; pushP95Ms: number };
  /**
   * While the phones pushed with the streams open: the share of the machine's CPU (all cores, every
   * process: the server, its store, this benchmark's readers and phones) that was busy, the CPU
   * seconds of the server process, of the pushing phones (this process) and of the stream readers
   * (their own process), and how late the server's event loop ran.
   */
  cpu: { machineBusy: number; serverSeconds: number; phonesSeconds: number; readersSeconds: number; serverEventLoopDelayP99Ms: number; serverEventLoopDelayMaxMs: number };
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

/** Seconds of the no-stream run before the streams open. */
const BASELINE_SECONDS = 10;
/** How long the streams get after the last push to receive everything. */
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * `phones` phones push one need each `1000 / pushesPerSecond` ms for `seconds`, spread over the
 * period (every fifth a draft); a push slower than the period delays only its phone. Returns what
 * was pushed by which writer and each push's latency.
 */
async function pushFor(
  serverUrl: string,
  writers: readonly TestMember[],
  phones: number,
  seconds: number,
  pushesPerSecond: number,
): Promise<{ pushed: { need: Need; writer: number }[]; latencies: number[] }> {
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
        const response = await fetch(`${serverUrl}/api/sync/needs/push`, {
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
  return { pushed, latencies };
}

/** CPU time of the whole machine (all cores, all processes); with `since`, the share busy since then. */
function machineCpu(): os.CpuInfo['times'][];
function machineCpu(since: os.CpuInfo['times'][]): number;
function machineCpu(since?: os.CpuInfo['times'][]): os.CpuInfo['times'][] | number {
  const now = os.cpus().map((cpu) => cpu.times);
  if (!since) return now;
  let busy = 0;
  let total = 0;
  now.forEach((times, core) => {
    const before = since[core]!;
    const spent = times.user + times.nice + times.sys + times.irq - (before.user + before.nice + before.sys + before.irq);
    busy += spent;
    total += spent + times.idle - before.idle;
  });
  return total === 0 ? 0 : round3(busy / total);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** p50, p95, p99 and the longest of `latencies`, in whole ms. */
function latencySummary(latencies: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? 0) };
}

export async function runLiveClients({ streams: streamCount, phones, seconds, pushesPerSecond = 1 }: LiveClientsOptions): Promise<LiveClients> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-bench-live-'));
  const server = await startServerProcess({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  const readers = startStreamReaders();
  try {
    const moderator = await signInModerator(server.url);
    // Writers: five verified municipalities and one still pending (its needs stay unpublished).
    const verifiedWriters = await Promise.all(Array.from({ length: 5 }, () => verifiedMunicipality(server.url, moderator)));
    const pendingWriter = await registerMunicipality(server.url);
    const writers = [...verifiedWriters, pendingWriter];
    const onlyReaders = await Promise.all(Array.from({ length: 4 }, () => verifiedMunicipality(server.url, moderator)));
    const members: TestMember[] = [...writers, ...onlyReaders, moderator];
    const actors: Actor[] = members.map((member) => member.profile.actor);
    const municipalities = new Map<string, Municipality>(writers.map((writer) => [writer.municipalityId, writer.profile.municipality!]));

    const memoryBefore = await server.memory();
    // The same push rate with no stream open first: what a push costs the server on its own here.
    const alone = await pushFor(server.url, writers, phones, Math.min(seconds, BASELINE_SECONDS), pushesPerSecond);
    await readers.open(server.url, members.map((member) => member.browser.cookieHeader ?? ''), streamCount);
    const memoryOpen = await server.memory();

    // The same phones pushing with the streams open, measured with the load on the machine.
    const machineBefore = machineCpu();
    const benchBefore = process.cpuUsage();
    const readersBefore = await readers.cpuSeconds();
    await server.load();
    const { pushed, latencies } = await pushFor(server.url, writers, phones, seconds, pushesPerSecond);
    const serverLoad = await server.load();
    const bench = process.cpuUsage(benchBefore);
    const readersSeconds = (await readers.cpuSeconds()) - readersBefore;
    const machine = machineCpu(machineBefore);

    const expectedOf = (actor: Actor) => {
      const ids: string[] = [];
      for (const { need, writer } of pushed) {
        if (mayRead(actor, 'needs', need, { municipality: municipalities.get(writers[writer]!.municipalityId) })) ids.push(need.id);
      }
      return ids;
    };
    const expected = actors.map(expectedOf);
    const deliveries = await readers.settle(
      expected,
      pushed.map(({ need }) => need.id),
      SETTLE_TIMEOUT_MS,
    );
    const memoryAfter = await server.memory();
    const loaded = latencySummary(latencies);
    const withoutStreams = latencySummary(alone.latencies);
    return {
      streams: streamCount,
      phones,
      seconds,
      readers: members.length,
      pushes: pushed.length,
      pushP50Ms: loaded.p50,
      pushP95Ms: loaded.p95,
      pushP99Ms: loaded.p99,
      pushMaxMs: loaded.max,
      withoutStreams: { pushes: alone.pushed.length, pushP50Ms: withoutStreams.p50, pushP95Ms: withoutStreams.p95 },
      cpu: {
        machineBusy: machine,
        serverSeconds: round3(serverLoad.cpuSeconds),
        phonesSeconds: round3((bench.user + bench.system) / 1e6),
        readersSeconds: round3(readersSeconds),
        serverEventLoopDelayP99Ms: serverLoad.eventLoopDelayP99Ms,
        serverEventLoopDelayMaxMs: serverLoad.eventLoopDelayMaxMs,
      },
      expectedDeliveries: deliveries.expected,
      receivedDeliveries: deliveries.received,
      missingDeliveries: deliveries.missing,
      unexpectedDeliveries: deliveries.unexpected,
      streamsLost: deliveries.streamsLost,
      settleMs: deliveries.settleMs,
      memoryBefore,
      memoryOpen,
      memoryAfter,
      rssPerStreamKb: round3((memoryOpen.rss - memoryBefore.rss) / 1024 / streamCount),
      heapPerStreamKb: round3((memoryOpen.heapUsed - memoryBefore.heapUsed) / 1024 / streamCount),
      fdLimit: fdLimit(),
    };
  } finally {
    await readers.stop();
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
  console.table({ withoutStreams: result.withoutStreams, withStreams: { pushes: result.pushes, pushP50Ms: result.pushP50Ms, pushP95Ms: result.pushP95Ms } });
  console.table([result.cpu]);
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
