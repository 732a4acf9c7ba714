/**
 * Retries of sync requests: a capped exponential back-off with jitter (so phones cut off together
 * do not come back together), ended early by a wake-up (the browser is online again, the member
 * signed in again, "Sync now"). RxDB's own retry waits a fixed `retryTime` and wakes on 'online'
 * only if the browser was offline when the request failed; the handlers retry here instead.
 */

export type BackoffOptions = {
  /** The first delay. */
  baseMs: number;
  /** No delay is longer. */
  maxMs: number;
};

/**
 * The delay before retry number `attempt` (0 for the first retry): half of the capped exponential
 * delay is fixed, the other half random ("equal jitter"), so it never drops to 0.
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Waits that end early, all at once, on `wake()`. */
export class Waker {
  private waiting: (() => void)[] = [];

  /** Resolves after `ms` or at the next `wake()`, whichever is first. */
  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting = this.waiting.filter((other) => other !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.push(done);
    });
  }

  wake(): void {
    for (const done of [...this.waiting]) done();
  }
}

export type RetryOptions = {
  backoff: BackoffOptions;
  wait: (ms: number) => Promise<void>;
  /** Checked before each try: true ends the retries with `undefined` (the replication was stopped). */
  stopped: () => boolean;
  /** Told about each failed try before the wait. */
  onError: (error: unknown, attempt: number) => void;
  random?: () => number;
};

/** Runs `attempt` until it succeeds or `stopped()`, backing off between failures. */
export async function retrying<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T | undefined> {
  for (let failures = 0; !options.stopped(); failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (options.stopped()) return undefined;
      options.onError(error, failures);
      await options.wait(backoffDelay(failures, options.backoff, options.random));
    }
  }
  return undefined;
}
