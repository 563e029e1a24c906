/**
 * When a failed webhook delivery is tried again, and when it gives up. A failure is any answer but
 * 2xx, a timeout (10 s) or a refused target. Delays double from 30 s and stop growing at 1 h:
 * 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min, 1 h, 1 h, … A failure 24 h or more after the
 * first attempt makes the delivery dead (the dead-letter view; an admin may re-queue it). That is
 * about 30 attempts when a receiver stays down for the whole day.
 *
 * @example
 * afterFailedAttempt({ attempts: 1, firstAttemptAt: t0, now: t0 }) // { next: 'retry', at: t0 + 30 s }
 */

export const webhookRetryPolicy = {
  /** Delay after the first failure, ms. */
  firstDelayMs: 30_000,
  /** Longest delay between attempts, ms. */
  maxDelayMs: 60 * 60_000,
  /** A failure this long after the first attempt is final, ms. */
  giveUpAfterMs: 24 * 60 * 60_000,
  /** An attempt without a complete answer by then is a failure, ms. */
  attemptTimeoutMs: 10_000,
} as const;

/** Delay after the `failedAttempts`-th failure (1, 2, 3…), in ms. */
export function retryDelayMs(failedAttempts: number): number {
  const doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
  return Math.min(webhookRetryPolicy.firstDelayMs * 2 ** doublings, webhookRetryPolicy.maxDelayMs);
}

export type AfterFailure = { next: 'retry'; at: Date } | { next: 'dead' };

/** `attempts` counts the attempt that just failed; `firstAttemptAt` starts the 24 h window. */
export function afterFailedAttempt(options: { attempts: number; firstAttemptAt: Date; now: Date }): AfterFailure {
  if (options.now.getTime() - options.firstAttemptAt.getTime() >= webhookRetryPolicy.giveUpAfterMs) return { next: 'dead' };
  return { next: 'retry', at: new Date(options.now.getTime() + retryDelayMs(options.attempts)) };
}
