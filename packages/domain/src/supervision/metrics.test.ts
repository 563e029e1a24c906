import { describe, expect, it } from 'vitest';
import { countByColour, labelledSharePercent, meetsTarget } from './metrics.ts';

describe('labelledSharePercent', () => {
  it.each([
    [1, 3, '33.33'],
    [2, 3, '66.67'],
    [1, 8, '12.50'],
    [40, 40, '100.00'],
    [0, 5, '0.00'],
  ])('%i of %i → %s %', (labelled, total, share) => expect(labelledSharePercent({ labelled, total })).toBe(share));
  it('is null without key emitters and refuses impossible counts', () => {
    expect(labelledSharePercent({ labelled: 0, total: 0 })).toBeNull();
    expect(() => labelledSharePercent({ labelled: 3, total: 2 })).toThrow(RangeError);
    expect(() => labelledSharePercent({ labelled: 0.5, total: 2 })).toThrow(RangeError);
  });
});

describe('countByColour', () => {
  it('counts every colour', () => {
    expect(countByColour(['green', 'red', 'green'])).toEqual({ counts: { green: 2, yellow: 0, orange: 0, red: 1 }, total: 3 });
    expect(() => countByColour(['blue'])).toThrow(RangeError);
  });
});

describe('meetsTarget', () => {
  it('compares exact decimals', () => {
    expect(meetsTarget({ value: '10.00', target: '10' })).toBe(true);
    expect(meetsTarget({ value: '9.999', target: '10' })).toBe(false);
    expect(meetsTarget({ value: null, target: '10' })).toBeNull();
  });
});
