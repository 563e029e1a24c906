import { describe, expect, it } from 'vitest';
import { businessDateOf } from './business-date.ts';

describe('businessDateOf', () => {
  it.each([
    ['2024-06-30T15:59:59.999Z', '2024-06-30'],
    ['2024-06-30T16:00:00.000Z', '2024-07-01'],
    ['2023-12-31T16:00:00.000Z', '2024-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
  ])('%s is %s in Shanghai', (instant, day) => {
    expect(businessDateOf(new Date(instant))).toBe(day);
  });
});
