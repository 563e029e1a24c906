import { describe, expect, it } from 'vitest';
import { clockStartingAt, fixedClock } from './clock.ts';

describe('clocks', () => {
  it('a clock set with CFP_NOW starts there and advances in real time', () => {
    let real = 1_000_000;
    const clock = clockStartingAt(new Date('2024-06-30T08:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2024-06-30T08:00:00.000Z');
    real += 1500;
    expect(clock.now().toISOString()).toBe('2024-06-30T08:00:01.500Z');
  });

  it('a fixed clock moves only when told', () => {
    const clock = fixedClock(new Date('2024-01-01T00:00:00Z'));
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2024-01-01T00:01:00.000Z');
  });
});
