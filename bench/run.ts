/**
 * `npm run bench [-- --documents N] [-- --only sync|screens|lcp|first-sync|cheap-phone|push|live]`: runs the benchmarks, prints their
 * numbers and saves them as JSON plus an SVG plot under bench/results/.
 * - sync: N needs written offline, pushed, and pulled by a fresh phone, against raw `_changes`;
 * - screens: N needs and N offers on a phone in Chromium with the CPU slowed 4×: the needs list,
 *   a search keystroke, the matches screen, and scrolling (needs `npm run build` first);
 * - lcp: the sign-in screen's first visit on a throttled phone (LCP, FCP) and the repeat visit
 *   offline until interactive, signed out and signed in (needs `npm run build` first);
 * - cheap-phone: the first sync of N needs on a phone with the CPU slowed 4× over Fast 3G, against
 *   the transfer of the same pages, and the long tasks meanwhile (needs `npm run build` first);
 * - first-sync: a first sync of 1,000 and 10,000 needs on loopback, Fast 3G and Slow 3G (our
 *   throttling proxy) for our client, PouchDB from the store and one raw `_changes`, beside the
 *   physical limit (`--sizes 1000,10000`, `--profiles loopback,fast3g,slow3g`; `--quick` or
 *   BENCH_QUICK=1 skips PouchDB on 3G for 10,000 needs, the runs that take minutes);
 * - push: push throughput against `_bulk_docs`, N needs over Fast 3G, one edit after a minute idle;
 * - live: 1,000 live streams while 50 phones push a need a second (bench/live-clients.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCheapPhoneBenchmark } from './cheap-phone';
import { runLiveBenchmark } from './live-clients';
import { runLcpBenchmark } from './lcp';
import { barChartSvg } from './plot';
import { runScreensBenchmark } from './screens';
import { CLIENT_KEYS, firstSyncTable, PROFILE_KEYS, runFirstSyncBenchmark, type ProfileKey } from './sync-first-sync';
import { runPullBenchmark } from './sync-pull';
import { runPushBenchmark } from './sync-push';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '5000' },
    only: { type: 'string' },
    sizes: { type: 'string', default: '1000,10000' },
    profiles: { type: 'string', default: PROFILE_KEYS.join(',') },
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
  },
});
const documents = Number(values.documents);
if (!Number.isInteger(documents) || documents < 1) throw new Error('--documents must be a positive integer');
const BENCHMARKS = ['sync', 'screens', 'lcp', 'first-sync', 'cheap-phone', 'push', 'live'] as const;
if (values.only !== undefined && !(BENCHMARKS as readonly string[]).includes(values.only)) throw new Error(`--only is one of ${BENCHMARKS.join(', ')}`);
/** Whether `--only` (or its absence) asks for this benchmark. */
const wanted = (name: (typeof BENCHMARKS)[number]) => values.only === undefined || values.only === name;

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(resultsDir, { recursive: true });

if (wanted('sync')) {
  const result = await runPullBenchmark(documents);
  console.table(result);
  fs.writeFileSync(path.join(resultsDir, 'sync-pull.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, 'sync-pull.svg'),
    barChartSvg(`Sync of ${documents} needs (loopback, ${result.cpus} cores)`, [
      { label: 'phone writes offline', value: result.localWriteSeconds },
      { label: 'push when back online', value: result.pushSeconds },
      { label: 'first pull into RxDB', value: result.rxdbPullSeconds },
      { label: 'baseline: raw _changes', value: result.baselineChangesSeconds },
    ]),
  );
  console.log('saved bench/results/sync-pull.json and .svg');
}

if (wanted('screens')) {
  const result = await runScreensBenchmark({ documents });
  console.table(result);
  fs.writeFileSync(path.join(resultsDir, 'screens.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, 'screens.svg'),
    barChartSvg(
      `${documents} needs + ${documents} offers, CPU ${result.cpuSlowdown}× slower (goal: each under 300 ms)`,
      [
        { label: 'needs list, tap to paint', value: result.needsListMs },
        { label: 'needs list, first visit', value: result.needsListColdMs },
        { label: 'search, keystroke to list', value: result.searchKeystrokeMs },
        { label: 'matches, tap to paint', value: result.matchesMs },
        { label: 'matches, first visit', value: result.matchesColdMs },
      ],
      'ms',
    ),
  );
  console.log('saved bench/results/screens.json and .svg');
}

if (wanted('lcp')) {
  const result = await runLcpBenchmark();
  console.table({ ...result.firstVisit, ...result.repeatOffline });
  fs.writeFileSync(path.join(resultsDir, 'lcp.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, 'lcp.svg'),
    barChartSvg(
      `First screen, CPU ${result.cpuSlowdown}×, ${result.network.downloadKbps / 1000} Mbit/s, ${result.network.rttMs} ms RTT (goals ${result.goals.lcpMs} / ${result.goals.repeatOfflineMs} ms)`,
      [
        { label: 'first visit, FCP', value: result.firstVisit.fcpMs },
        { label: 'first visit, LCP', value: result.firstVisit.lcpMs },
        { label: 'first visit, form shown', value: result.firstVisit.signInShownMs },
        { label: 'offline, sign-in ready', value: result.repeatOffline.signedOutInteractiveMs },
        { label: 'offline, home ready', value: result.repeatOffline.signedInInteractiveMs },
      ],
      'ms',
    ),
  );
  console.log('saved bench/results/lcp.json and .svg');
}

if (wanted('first-sync')) {
  const sizes = values.sizes.split(',').map(Number);
  const profiles = values.profiles.split(',') as ProfileKey[];
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error('--sizes is a list of positive integers');
  if (profiles.some((profile) => !PROFILE_KEYS.includes(profile))) throw new Error(`--profiles are among ${PROFILE_KEYS.join(', ')}`);
  const result = await runFirstSyncBenchmark({
    sizes,
    profiles,
    clients: CLIENT_KEYS,
    skip: ({ documents: count, profile, client }) => values.quick && client === 'pouchdb' && profile !== 'loopback' && count >= 10_000,
    log: (line) => console.log(line),
  });
  console.table(result.calibrations);
  console.table(firstSyncTable(result));
  for (const cell of result.cells) if (cell.skipped.length > 0) console.log(`skipped (--quick): ${cell.skipped.join(', ')} for ${cell.documents} needs on ${cell.profileName}`);
  fs.writeFileSync(path.join(resultsDir, 'first-sync.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, 'first-sync.svg'),
    barChartSvg(
      `First sync of needs (${result.cpus} cores): clients and the physical limit`,
      result.cells.flatMap((cell) => [
        ...(cell.physicalLimitSeconds > 0 ? [{ label: `${cell.documents} ${cell.profileName} limit`, value: cell.physicalLimitSeconds }] : []),
        ...cell.runs.map((run) => ({ label: `${cell.documents} ${cell.profileName} ${run.client}`, value: run.seconds })),
      ]),
    ),
  );
  console.log('saved bench/results/first-sync.json and .svg');
}

if (wanted('cheap-phone')) {
  const result = await runCheapPhoneBenchmark({ documents, cpuProfile: process.env.CHEAP_PHONE_PROFILE });
  console.table({ ...result, indexedDbRequests: undefined, longTasks: undefined, longTasksWhileArriving: undefined, goals: undefined });
  console.table(result.indexedDbRequests);
  console.table({ untilListed: result.longTasks, whileArriving: result.longTasksWhileArriving });
  fs.writeFileSync(path.join(resultsDir, `cheap-phone-${documents}.json`), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(
    path.join(resultsDir, `cheap-phone-${documents}.svg`),
    barChartSvg(
      `First sync of ${documents} needs, CPU ${result.cpuSlowdown}×, ${result.network} (goal: sync ≤ ${result.goals.ratio}× transfer)`,
      [
        { label: 'first sync until listed', value: result.firstSyncSeconds },
        { label: 'transfer of the same pages', value: result.networkTransferSeconds },
        { label: 'floor: raw IndexedDB puts', value: result.storageFloorSeconds },
        { label: 'longest task (s)', value: result.longTasks.maxMs / 1000 },
      ],
      's',
    ),
  );
  console.log(`saved bench/results/cheap-phone-${documents}.json and .svg`);
}

if (wanted('push')) await runPushBenchmark(resultsDir, { documents: Math.min(documents, 2000) });

if (wanted('live')) await runLiveBenchmark(resultsDir);
