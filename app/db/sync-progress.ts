/**
 * Bookkeeping of a sync round's progress, per collection, from the pull answers' `remaining` (the
 * server's estimate of what is left for this reader). Pure functions: the engine keeps the state in
 * its status, the header and the details panel read it. A round starts with the first batch after
 * the collection was caught up (remaining 0) and counts the documents received since; the last
 * answer's `remaining` stays until the next batch, so a finished round reads "1,000 of 1,000".
 */
import type { CollectionName } from '../../domain/collections';

export type CollectionProgress = {
  /** Documents received in this round (pull answers only; the live stream's changes are not counted). */
  received: number;
  /** The server's last estimate of what is left (0: caught up). */
  remaining: number;
};

export type SyncProgress = Partial<Record<CollectionName, CollectionProgress>>;

/** Totals over all collections; `fraction` is received / (received + remaining), 1 when nothing is left. */
export type ProgressTotals = { received: number; remaining: number; total: number; fraction: number };

/** The progress after one pull batch of `received` documents answered with `remaining`. */
export function recordPullBatch(progress: SyncProgress, name: CollectionName, received: number, remaining: number): SyncProgress {
  const previous = progress[name];
  // An empty answer of a caught-up collection (the check after a full last batch, a RESYNC) ends nothing and starts nothing.
  if (previous && previous.remaining === 0 && received === 0 && remaining <= 0) return progress;
  const roundStarts = !previous || previous.remaining === 0;
  return {
    ...progress,
    [name]: { received: (roundStarts ? 0 : previous.received) + received, remaining: Math.max(0, remaining) },
  };
}

/** Adds up every collection's progress. */
export function progressTotals(progress: SyncProgress): ProgressTotals {
  let received = 0;
  let remaining = 0;
  for (const entry of Object.values(progress)) {
    received += entry.received;
    remaining += entry.remaining;
  }
  const total = received + remaining;
  return { received, remaining, total, fraction: total === 0 ? 1 : received / total };
}

/**
 * The round worth a progress bar: something is left and the round is bigger than one batch (a
 * first sync or a long catch-up; a few live changes never flash a bar). Null otherwise.
 */
export function catchUpOf(progress: SyncProgress, batchSize: number): ProgressTotals | null {
  const totals = progressTotals(progress);
  return totals.remaining > 0 && totals.total > batchSize ? totals : null;
}
