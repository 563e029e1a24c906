import { describe, expect, it } from 'vitest';
import { formatChangePercent, formatDecimal } from './format-decimal.ts';

describe('formatDecimal', () => {
  it.each([
    ['104037.643', undefined, '104,037.643'],
    ['104037.6435', 2, '104,037.64'],
    ['104037.645', 2, '104,037.65'],
    ['999.9995', 3, '1,000.000'],
    ['0.4131447518750840167918918398012336531684', 4, '0.4131'],
    ['0.00005', 4, '0.0001'],
    ['-1.25', 1, '-1.3'],
    ['-0.0004', 3, '0.000'],
    ['6549826', undefined, '6,549,826'],
    ['12.5', 4, '12.5'],
    ['007', undefined, '7'],
  ] as const)('%s to %s places is %s', (text, places, expected) => {
    expect(formatDecimal(text, places)).toBe(expected);
  });

  it('shows a dash for a missing value and leaves text that is not a decimal alone', () => {
    expect(formatDecimal(null)).toBe('—');
    expect(formatDecimal('')).toBe('—');
    expect(formatDecimal('n/a')).toBe('n/a');
  });

  it('signs changes', () => {
    expect(formatChangePercent('3.00')).toBe('+3.00 %');
    expect(formatChangePercent('-0.94')).toBe('-0.94 %');
    expect(formatChangePercent(null)).toBe('—');
  });
});
