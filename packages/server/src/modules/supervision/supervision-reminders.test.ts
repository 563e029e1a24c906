import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../clock.ts';
import type { JobRunner } from '../../jobs/job-runner.ts';
import { scheduleSupervisionReminders, supervisionRemindersJobKind } from './supervision-reminders.ts';

describe('scheduleSupervisionReminders', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues the reminders job once per business day (Asia/Shanghai)', async () => {
    const queued: string[] = [];
    const runner = { enqueue: async (o: { kind: string }) => void queued.push(o.kind) } as unknown as JobRunner;
    const clock = fixedClock(new Date('2024-06-30T08:00:00.000Z')); // 16:00 in Shanghai
    const schedule = scheduleSupervisionReminders({ runner, clock, everyMs: 1000 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(queued).toEqual([supervisionRemindersJobKind]);
    clock.set(new Date('2024-06-30T15:59:00.000Z')); // 23:59 the same day
    await vi.advanceTimersByTimeAsync(1000);
    expect(queued).toHaveLength(1);
    clock.set(new Date('2024-06-30T16:00:00.000Z')); // 00:00 on 2024-07-01
    await vi.advanceTimersByTimeAsync(2000);
    expect(queued).toHaveLength(2);
    schedule.stop();
    clock.set(new Date('2024-07-05T00:00:00.000Z'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(queued).toHaveLength(2);
  });
});
