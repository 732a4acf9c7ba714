/**
 * What every chaos campaign shares: its scale (a short run inside `npm test`, the full run in
 * `npm run test:chaos`), a seed that replays a run exactly, and a report printed and saved under
 * `test-results/chaos/<campaign>.json`.
 *
 * - `CHAOS_SCALE=full` selects the full run (the `test:chaos` script sets it); anything else is short.
 * - `CHAOS_SEED=<integer>` replays a run; without it each run draws a fresh seed and prints it,
 *   except under CI (`CI=true`), where the seed comes from the commit: the same commit draws the same
 *   faults on every CI run, so a commit that passed once does not fail later on a new draw (new
 *   draws are what local runs and `npm run test:chaos` are for).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ChaosScale = 'short' | 'full';

/** The scale of this run: `full` under `npm run test:chaos`, `short` inside `npm test`. */
export function chaosScale(): ChaosScale {
  return process.env.CHAOS_SCALE === 'full' ? 'full' : 'short';
}

/** Picks the value for this run's scale. */
export function byScale<T>(values: { short: T; full: T }): T {
  return values[chaosScale()];
}

/** The seed of this run: `CHAOS_SEED` when set (to replay a failure), otherwise a fresh one. */
export function chaosSeed(): number {
  const fromEnv = process.env.CHAOS_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isSafeInteger(seed)) throw new Error(`CHAOS_SEED must be an integer, got "${fromEnv}"`);
    return seed;
  }
  if (process.env.CI === 'true') return commitSeed();
  return Math.floor(Math.random() * 2 ** 31);
}

/** The first 31 bits of the checked-out commit's hash; a fixed seed where git or the checkout is missing. */
export function commitSeed(): number {
  const head = checkedOutCommit();
  return head ? Number.parseInt(head.slice(0, 8), 16) & 0x7fffffff : FIXED_SEED;
}

const FIXED_SEED = 20_261_202;

function checkedOutCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40}$/.test(head) ? head : null;
  } catch {
    return null; // no git, or not a checkout (a source tarball)
  }
}

/** A small seeded generator (mulberry32): the same seed draws the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CHAOS_RESULTS_DIR = path.join('test-results', 'chaos');

/**
 * Prints a campaign's report (what it did and what it found) with the line that replays it, and saves
 * it as JSON. Call it in `afterAll` or a `finally` so a failing run still leaves its seed behind.
 */
export function saveReport(campaign: string, report: { seed: number } & Record<string, unknown>): string {
  fs.mkdirSync(CHAOS_RESULTS_DIR, { recursive: true });
  const file = path.join(CHAOS_RESULTS_DIR, `${campaign}.json`);
  const full = { campaign, scale: chaosScale(), at: new Date().toISOString(), ...report };
  fs.writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  process.stdout.write(
    `[chaos] ${campaign} (${full.scale}): ${JSON.stringify(report)}\n[chaos] replay: CHAOS_SCALE=${full.scale} CHAOS_SEED=${report.seed} npx vitest run --project chaos ${campaign}\n`,
  );
  return file;
}
