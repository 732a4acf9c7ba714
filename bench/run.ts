/**
 * `npm run bench [-- --documents N]`: runs the benchmarks, prints their numbers and saves them as
 * JSON plus an SVG plot under bench/results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { barChartSvg } from './plot';
import { runPullBenchmark } from './sync-pull';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '5000' } } });
const documents = Number(values.documents);
if (!Number.isInteger(documents) || documents < 1) throw new Error('--documents must be a positive integer');

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(resultsDir, { recursive: true });

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
console.log(`saved bench/results/sync-pull.json and .svg`);
