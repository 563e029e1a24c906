import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountFigures, type MonthlyFigures } from './account-figures.ts';
import { CarbonAccountInputError } from './carbon-account-error.ts';
import { industryAverage, peerFiguresOf, type PeerFigures } from './industry-average.ts';

function peer(enterpriseId: string, industryClass: string, emissionsTco2e: string, valueAdded10kCny: string, complete = true): PeerFigures {
  return { enterpriseId, industryClass, emissionsTco2e, valueAdded10kCny, complete };
}

/** n peers of a class with emissions 100·k and value added 10·k (k = 1…n), intensity 10 each. */
function peersOf(industryClass: string, n: number, prefix = industryClass): PeerFigures[] {
  return Array.from({ length: n }, (_, i) => peer(`${prefix}-${i + 1}`, industryClass, String(100 * (i + 1)), String(10 * (i + 1))));
}

describe('industryAverage: levels', () => {
  it('uses the class when it has at least 5 complete peers, and divides the sums', () => {
    const peers = [...peersOf('2521', 4), peer('2521-x', '2521', '1', '30'), ...peersOf('2522', 3)];
    const result = industryAverage({ industryClass: '2521', peers });
    // (100 + 200 + 300 + 400 + 1) ÷ (10 + 20 + 30 + 40 + 30) = 1001 ÷ 130 = 7.7
    expect(result).toMatchObject({ level: 'class', code: '2521', peerCount: 5, averageIntensity: '7.700000' });
    expect(result.peerIds).toEqual(['2521-1', '2521-2', '2521-3', '2521-4', '2521-x']);
    expect(result.reason.zh).toContain('小类 2521 炼焦');
    expect(result.reason.en).toContain('class 2521');
  });

  it('falls back to the group (3 digits), then the division (2 digits)', () => {
    const group = industryAverage({ industryClass: '2521', peers: [...peersOf('2521', 3), ...peersOf('2522', 2), ...peersOf('2511', 4)] });
    expect(group).toMatchObject({ level: 'group', code: '252', peerCount: 5, averageIntensity: '10.000000' });
    expect(group.reason.zh).toContain('中类 252 煤炭加工');
    const division = industryAverage({ industryClass: '2521', peers: [...peersOf('2521', 2), ...peersOf('2522', 2), peer('2511-1', '2511', '50', '1')] });
    // (100 + 200 + 100 + 200 + 50) ÷ (10 + 20 + 10 + 20 + 1) = 650 ÷ 61 = 10.655737704…
    expect(division).toMatchObject({ level: 'division', code: '25', peerCount: 5, averageIntensity: '10.655738' });
  });

  it('is not applicable, in Chinese and English, when no level has enough peers', () => {
    const result = industryAverage({ industryClass: '2521', peers: [...peersOf('2521', 2), ...peersOf('2611', 9)] });
    expect(result).toMatchObject({ level: null, code: null, peerCount: 2, averageIntensity: null, peerIds: [] });
    expect(result.reason.zh).toContain('不足 5 家');
    expect(result.reason.zh).toContain('不适用');
    expect(result.reason.en).toContain('Fewer than 5');
    expect(result.reason.en).toContain('not applicable');
  });

  it('counts only complete peers with value added > 0', () => {
    const peers = [...peersOf('3011', 4), peer('zero', '3011', '100', '0'), peer('negative', '3011', '100', '-5'), peer('partial', '3011', '100', '10', false)];
    expect(industryAverage({ industryClass: '3011', peers }).level).toBeNull();
    // (100 + 200 + 300 + 400 + 0) ÷ (10 + 20 + 30 + 40 + 1) = 1000 ÷ 101 = 9.900990099…
    expect(industryAverage({ industryClass: '3011', peers: [...peers, peer('ok', '3011', '0', '1')] })).toMatchObject({
      level: 'class',
      peerCount: 5,
      averageIntensity: '9.900990',
    });
  });

  it('honours minPeers', () => {
    expect(industryAverage({ industryClass: '3011', peers: peersOf('3011', 2), minPeers: 2 })).toMatchObject({ level: 'class', peerCount: 2 });
    expect(industryAverage({ industryClass: '3011', peers: peersOf('3011', 5), minPeers: 6 }).level).toBeNull();
  });

  it('refuses duplicate enterprises and malformed figures', () => {
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        if (e instanceof CarbonAccountInputError) return e.path;
      }
      return null;
    };
    expect(error(() => industryAverage({ industryClass: '3011', peers: [peer('a', '3011', '1', '1'), peer('a', '3011', '1', '1')] }))).toBe('peers[1].enterpriseId');
    expect(error(() => industryAverage({ industryClass: '3011', peers: [peer('a', '3011', '1,5', '1')] }))).toBe('peers[0].emissionsTco2e');
    expect(error(() => industryAverage({ industryClass: '301', peers: [] }))).toBe('industryClass');
    expect(error(() => industryAverage({ industryClass: '3011', peers: [], minPeers: 0 }))).toBe('minPeers');
  });

  it('property: the average lies between the lowest and highest peer intensity', () => {
    const peerArb = fc.record({ emissions: fc.integer({ min: 0, max: 10_000_000 }), valueAdded: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(peerArb, { minLength: 5, maxLength: 30 }), (list) => {
        const peers = list.map((p, i) => peer(`e${i}`, '2911', String(p.emissions), String(p.valueAdded)));
        const result = industryAverage({ industryClass: '2911', peers });
        const intensities = list.map((p) => p.emissions / p.valueAdded);
        const average = Number(result.averageIntensity);
        expect(result.peerCount).toBe(list.length);
        expect(average).toBeGreaterThanOrEqual(Math.min(...intensities) - 1e-6);
        expect(average).toBeLessThanOrEqual(Math.max(...intensities) + 1e-6);
      }),
    );
  });
});

describe('peerFiguresOf', () => {
  const month = (m: string, valueAdded: string | null): MonthlyFigures => ({
    month: m,
    scope1Tco2e: '10',
    scope2Tco2e: '5',
    exportedTco2e: '1',
    energyTce: '3',
    feedstockTce: '0',
    nonFossilElectricityMwh: '0',
    production: [],
    outputValue10kCny: '8',
    valueAdded10kCny: valueAdded,
    quality: 'reported',
    provisional: false,
    factorRefs: [],
  });

  it('takes the account total and Σ value added; complete only with every month and its value added', () => {
    const full = accountFigures({ period: '2024-Q1', industryClass: '3011', months: ['2024-01', '2024-02', '2024-03'].map((m) => month(m, '2')) });
    expect(peerFiguresOf({ enterpriseId: 'ent-006', industryClass: '3011', account: full })).toEqual({
      enterpriseId: 'ent-006',
      industryClass: '3011',
      emissionsTco2e: '42.000',
      valueAdded10kCny: '6.0000',
      complete: true,
    });
    const noValueAdded = accountFigures({ period: '2024-Q1', industryClass: '3011', months: ['2024-01', '2024-02', '2024-03'].map((m, i) => month(m, i === 0 ? null : '2')) });
    expect(peerFiguresOf({ enterpriseId: 'x', industryClass: '3011', account: noValueAdded })).toMatchObject({ complete: false, valueAdded10kCny: '0' });
    const missingMonth = accountFigures({ period: '2024-Q1', industryClass: '3011', months: ['2024-01', '2024-02'].map((m) => month(m, '2')) });
    expect(peerFiguresOf({ enterpriseId: 'x', industryClass: '3011', account: missingMonth }).complete).toBe(false);
  });
});
