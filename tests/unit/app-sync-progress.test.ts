/**
 * The bookkeeping behind the first-sync progress bar and the sync details: rounds counted from the
 * pull answers' `remaining`, the back-off of retries, and the kinds of errors shown in words.
 */
import { describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../app/db/replication';
import { syncErrorKind } from '../../app/db/sync-errors';
import { catchUpOf, progressTotals, recordPullBatch, type SyncProgress } from '../../app/db/sync-progress';
import { backoffDelay, retrying, Waker } from '../../app/db/sync-retry';
import { syncDetailsOf } from '../../app/stores/connection-store';

describe('recordPullBatch', () => {
  it.each([
    // before, batch received, remaining → after
    [undefined, 100, 900, { received: 100, remaining: 900 }],
    [{ received: 100, remaining: 900 }, 100, 800, { received: 200, remaining: 800 }],
    [{ received: 900, remaining: 100 }, 100, 0, { received: 1000, remaining: 0 }],
    // Caught up, an empty answer (the check after a full last batch) keeps the finished round.
    [{ received: 1000, remaining: 0 }, 0, 0, { received: 1000, remaining: 0 }],
    // Caught up, the next batch starts a new round.
    [{ received: 1000, remaining: 0 }, 3, 0, { received: 3, remaining: 0 }],
    // An upper bound that filtering brought down faster than documents arrived.
    [{ received: 100, remaining: 900 }, 40, 0, { received: 140, remaining: 0 }],
    [undefined, 0, -1, { received: 0, remaining: 0 }],
  ] as const)('%j + %i received, %i left → %j', (before, received, remaining, after) => {
    const progress: SyncProgress = before ? { needs: { ...before } } : {};
    expect(recordPullBatch(progress, 'needs', received, remaining).needs).toEqual(after);
  });

  it('keeps the other collections as they were', () => {
    const progress = recordPullBatch({ offers: { received: 5, remaining: 0 } }, 'needs', 100, 900);
    expect(progress).toEqual({ offers: { received: 5, remaining: 0 }, needs: { received: 100, remaining: 900 } });
  });
});

describe('progressTotals and catchUpOf', () => {
  it('adds up collections, with the fraction received', () => {
    const progress: SyncProgress = { needs: { received: 340, remaining: 660 }, offers: { received: 60, remaining: 140 } };
    expect(progressTotals(progress)).toEqual({ received: 400, remaining: 800, total: 1200, fraction: 400 / 1200 });
    expect(progressTotals({})).toEqual({ received: 0, remaining: 0, total: 0, fraction: 1 });
  });

  it.each([
    // progress, batch size → a bar?
    [{ needs: { received: 100, remaining: 900 } }, 100, true],
    [{ needs: { received: 1000, remaining: 0 } }, 100, false],
    // A few live changes never flash a bar.
    [{ needs: { received: 3, remaining: 2 } }, 100, false],
    [{ needs: { received: 50, remaining: 60 } }, 100, true],
  ] as const)('%j with batches of %i → bar %s', (progress, batchSize, shown) => {
    expect(catchUpOf(progress, batchSize) !== null).toBe(shown);
  });
});

describe('backoffDelay', () => {
  const options = { baseMs: 1000, maxMs: 30_000 };
  it.each([
    // attempt, random → delay: half fixed, half jitter, doubled each time up to the cap
    [0, 0, 500],
    [0, 1, 1000],
    [1, 0, 1000],
    [3, 0.5, 6000],
    [5, 0, 15_000],
    [5, 1, 30_000],
    [50, 1, 30_000],
  ] as const)('attempt %i, random %f → %i ms', (attempt, random, delay) => {
    expect(backoffDelay(attempt, options, () => random)).toBe(delay);
  });

  it('never waits longer than the cap, nor less than half the delay', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const delay = backoffDelay(attempt, options);
      const cap = Math.min(30_000, 1000 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(cap / 2);
      expect(delay).toBeLessThanOrEqual(cap);
    }
  });
});

describe('retrying', () => {
  it('waits the growing back-off between failures and returns the first success', async () => {
    const waits: number[] = [];
    const errors: number[] = [];
    let calls = 0;
    const result = await retrying(
      () => (++calls < 4 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve('answer')),
      {
        backoff: { baseMs: 100, maxMs: 300 },
        wait: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
        stopped: () => false,
        onError: (_error, attempt) => errors.push(attempt),
        random: () => 1,
      },
    );
    expect(result).toBe('answer');
    expect(waits).toEqual([100, 200, 300]);
    expect(errors).toEqual([0, 1, 2]);
  });

  it('gives up quietly once stopped', async () => {
    let stopped = false;
    const onError = vi.fn();
    const result = await retrying(
      () => {
        stopped = true;
        return Promise.reject(new TypeError('Failed to fetch'));
      },
      { backoff: { baseMs: 100, maxMs: 100 }, wait: () => Promise.resolve(), stopped: () => stopped, onError },
    );
    expect(result).toBeUndefined();
    expect(onError).not.toHaveBeenCalled();
  });

  it('a wake-up ends every wait at once (the browser is online again)', async () => {
    vi.useFakeTimers();
    try {
      const waker = new Waker();
      const ended: string[] = [];
      const first = waker.wait(60_000).then(() => ended.push('first'));
      const second = waker.wait(5_000).then(() => ended.push('second'));
      waker.wake();
      await Promise.all([first, second]);
      expect(ended.sort()).toEqual(['first', 'second']);
      // A wait started after the wake-up waits its own time.
      let late = false;
      const third = waker.wait(1000).then(() => (late = true));
      await vi.advanceTimersByTimeAsync(999);
      expect(late).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await third;
      expect(late).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('syncErrorKind', () => {
  const timeout = Object.assign(new Error('The operation timed out'), { name: 'TimeoutError' });
  it.each([
    [new TypeError('Failed to fetch'), false, 'offline'],
    [new TypeError('Failed to fetch'), true, 'unreachable'],
    [timeout, true, 'timeout'],
    [new HttpError(401, 'not-signed-in', 'sign in'), true, 'signed-out'],
    [new HttpError(403, 'not-your-municipality', 'no'), true, 'refused'],
    [new HttpError(413, 'payload-too-large', 'big'), true, 'refused'],
    [new HttpError(503, 'store-unavailable', 'down'), true, 'server'],
    [Object.assign(new Error('stream answered HTTP 401'), { status: 401 }), true, 'signed-out'],
    // RxDB wraps handler errors as plain JSON in parameters.errors.
    [{ parameters: { errors: [{ name: 'TypeError', message: 'fetch failed' }] } }, true, 'unreachable'],
    [new Error('QuotaExceededError'), true, 'unknown'],
    ['a string', true, 'unknown'],
  ] as const)('%s (browser online %s) → %s', (error, online, kind) => {
    expect(syncErrorKind(error, online)).toBe(kind);
  });
});

describe('syncDetailsOf', () => {
  it('lists the engine’s collections with what waits and what arrives', () => {
    const details = syncDetailsOf({
      connected: true,
      active: true,
      pending: 2,
      lastError: null,
      lastSyncedAt: 5,
      progress: { needs: { received: 300, remaining: 700 } },
      catchUp: { received: 300, remaining: 700, total: 1000, fraction: 0.3 },
      collections: {
        needs: { pending: 0, lastSyncedAt: 5, lastError: null, lastErrorKind: null },
        offers: { pending: 2, lastSyncedAt: null, lastError: 'fetch failed', lastErrorKind: 'unreachable' },
      },
    });
    expect(details.collections).toEqual([
      { collection: 'needs', pending: 0, received: 300, remaining: 700, lastSyncedAt: 5, lastError: null, lastErrorKind: null },
      { collection: 'offers', pending: 2, received: 0, remaining: 0, lastSyncedAt: null, lastError: 'fetch failed', lastErrorKind: 'unreachable' },
    ]);
    expect(details.catchUp?.fraction).toBe(0.3);
  });

  it('reads an engine status of the old shape and no status at all', () => {
    expect(syncDetailsOf(null)).toEqual({ collections: [], lastSyncedAt: null, lastError: null, lastErrorKind: null, catchUp: null });
    const old = syncDetailsOf({ connected: false, active: false, pending: 0, lastError: 'boom', lastSyncedAt: null });
    expect(old.lastErrorKind).toBe('unknown');
  });
});
