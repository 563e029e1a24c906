import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, retryDelayMs } from './retry-schedule.ts';

const s = 1000;
const min = 60 * s;
const h = 60 * min;

describe('webhook retry schedule', () => {
  it.each([
    [1, 30 * s],
    [2, 1 * min],
    [3, 2 * min],
    [4, 4 * min],
    [5, 8 * min],
    [6, 16 * min],
    [7, 32 * min],
    [8, 1 * h],
    [9, 1 * h],
    [1000, 1 * h],
  ])('after failure %i waits %i ms', (failures, delay) => {
    expect(retryDelayMs(failures)).toBe(delay);
  });

  it('retries until 24 h after the first attempt, then gives up', () => {
    const first = new Date('2024-06-30T08:00:00Z');
    expect(afterFailedAttempt({ attempts: 1, firstAttemptAt: first, now: first })).toEqual({ next: 'retry', at: new Date(first.getTime() + 30 * s) });
    const late = new Date(first.getTime() + 24 * h - 1);
    expect(afterFailedAttempt({ attempts: 30, firstAttemptAt: first, now: late })).toEqual({ next: 'retry', at: new Date(late.getTime() + h) });
    expect(afterFailedAttempt({ attempts: 31, firstAttemptAt: first, now: new Date(first.getTime() + 24 * h) })).toEqual({ next: 'dead' });
  });

  it('makes about 30 attempts when the receiver is down all day', () => {
    const first = new Date('2024-06-30T08:00:00Z');
    let now = first;
    let attempts = 1;
    for (;;) {
      const step = afterFailedAttempt({ attempts, firstAttemptAt: first, now });
      if (step.next === 'dead') break;
      now = step.at;
      attempts += 1;
    }
    expect(attempts).toBeGreaterThanOrEqual(28);
    expect(attempts).toBeLessThanOrEqual(33);
    expect(now.getTime() - first.getTime()).toBeGreaterThanOrEqual(24 * h);
  });
});
