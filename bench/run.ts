/**
 * `npm run bench [-- --documents N] [-- --only sync|screens|lcp]`: runs the benchmarks, prints their
 * numbers and saves them as JSON plus an SVG plot under bench/results/.
 * - sync: N needs written offline, pushed, and pulled by a fresh phone, against raw `_changes`;
 * - screens: N needs and N offers on a phone in Chromium with the CPU slowed 4×: the needs list,
 *   a search keystroke, the matches screen, and scrolling (needs `npm run build` first);
 * - lcp: the sign-in screen's first visit on a throttled phone (LCP, FCP) and the repeat visit
 *   offline until interactive, signed out and signed in (needs `npm run build` first);
 * - push: push throughput against `_bulk_docs`, N needs over Fast 3G, one edit after a minute idle;
 * - live: 1,000 live streams while 50 phones push a need a second (bench/live-clients.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLiveBenchmark } from './live-clients';
import { runLcpBenchmark } from './lcp';
import { barChartSvg } from './plot';
import { runScreensBenchmark } from './screens';
import { runPullBenchmark } from './sync-pull';
import { runPushBenchmark } from './sync-push';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '5000' }, only: { type: 'string' } } });
const documents = Number(values.documents);
if (!Number.isInteger(documents) || documents < 1) throw new Error('--documents must be a positive integer');
const BENCHMARKS = ['sync', 'screens', 'lcp', 'push', 'live'] as const;
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

if (wanted('push')) await runPushBenchmark(resultsDir, { documents: Math.min(documents, 2000) });

if (wanted('live')) await runLiveBenchmark(resultsDir);
