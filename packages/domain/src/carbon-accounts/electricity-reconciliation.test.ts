import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { reconcileElectricity } from './electricity-reconciliation.ts';

describe('reconcileElectricity', () => {
  it.each([
    { reportedKwh: '1030', meteredKwh: '1000', usedKwh: '1000', source: 'utility_metered', gapPercent: '3.00', flagged: true },
    { reportedKwh: '970', meteredKwh: '1000', usedKwh: '1000', source: 'utility_metered', gapPercent: '-3.00', flagged: true },
    { reportedKwh: '1020', meteredKwh: '1000', usedKwh: '1000', source: 'utility_metered', gapPercent: '2.00', flagged: false },
    { reportedKwh: '980', meteredKwh: '1000', usedKwh: '1000', source: 'utility_metered', gapPercent: '-2.00', flagged: false },
    { reportedKwh: '1020.001', meteredKwh: '1000', usedKwh: '1000', source: 'utility_metered', gapPercent: '2.00', flagged: true },
    { reportedKwh: '1000', meteredKwh: '1000', usedKwh: '1000', source: 'utility_metered', gapPercent: '0.00', flagged: false },
    { reportedKwh: '1', meteredKwh: '3', usedKwh: '3', source: 'utility_metered', gapPercent: '-66.67', flagged: true },
    { reportedKwh: '1000.5', meteredKwh: null, usedKwh: '1000.5', source: 'reported', gapPercent: null, flagged: false },
    { reportedKwh: null, meteredKwh: '998', usedKwh: '998', source: 'utility_metered', gapPercent: null, flagged: false },
    { reportedKwh: null, meteredKwh: null, usedKwh: null, source: null, gapPercent: null, flagged: false },
    { reportedKwh: '50', meteredKwh: '0', usedKwh: '0', source: 'utility_metered', gapPercent: null, flagged: true },
    { reportedKwh: '0', meteredKwh: '0', usedKwh: '0', source: 'utility_metered', gapPercent: '0.00', flagged: false },
  ])('reported $reportedKwh, metered $meteredKwh → use $usedKwh, gap $gapPercent, flagged $flagged', ({ reportedKwh, meteredKwh, ...expected }) => {
    expect(reconcileElectricity({ reportedKwh, meteredKwh })).toEqual(expected);
  });

  it.each([
    { reportedKwh: '-5', meteredKwh: '10' },
    { reportedKwh: '5', meteredKwh: '1e3' },
    { reportedKwh: '5 kWh', meteredKwh: null },
  ])('refuses malformed or negative input %j', (input) => {
    expect(() => reconcileElectricity(input)).toThrow(CarbonAccountInputError);
  });

  it('property: the metered value wins and the flag matches the rounded-away gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (reported, metered) => {
        const result = reconcileElectricity({ reportedKwh: String(reported), meteredKwh: String(metered) });
        expect(result.usedKwh).toBe(String(metered));
        // Integers: |r − m| × 100 > 2 × m exactly when the gap exceeds 2 %.
        expect(result.flagged).toBe(Math.abs(reported - metered) * 100 > 2 * metered);
      }),
    );
  });
});
