import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { energyColumns } from './fixtures/energy-columns.ts';
import { readSheet } from './read-sheet.ts';
import { writeCsv } from './write-csv.ts';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('writeCsv', () => {
  it('writes UTF-8 with a BOM, CRLF, both labels, RFC 4180 quoting and neutralised formulas', () => {
    const bytes = writeCsv({
      columns: energyColumns,
      rows: [
        { uscc: '91370883MA3C00001X', name: '济南钢铁,"集团"', month: '2024-01', electricityKwh: '-1234.5', fuel: 'coal' },
        { uscc: '=cmd|calc', name: '@SUM(A1)\n+1', month: null, electricityKwh: null, fuel: null },
      ],
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(bytes)).toBe(
      '\ufeff统一社会信用代码 (USCC),企业名称 (Name),月份 (Month),用电量（千瓦时） (Electricity (kWh)),燃料 (Fuel)\r\n' +
        '91370883MA3C00001X,"济南钢铁,""集团""",2024-01,-1234.5,煤炭\r\n' +
        '\'=cmd|calc,"\'@SUM(A1)\n+1",,,\r\n',
    );
  });

  it('re-imports unchanged through readSheet (property)', async () => {
    const alphabet = fc.constantFrom(...['a', 'Z', '中', '𠮷', ',', '"', '\n', ' ', '=', '-', '+', '@', "'", '1', '.']);
    const name = fc.string({ unit: alphabet, minLength: 1, maxLength: 20 }).filter((s) => s === s.trim() && s !== '' && !/^'[=+\-@\t\r]/.test(s));
    const row = fc.record({
      uscc: fc.stringMatching(/^[0-9A-Z]{18}$/),
      name: fc.option(name, { nil: null }),
      month: fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      electricityKwh: fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 99 })).map(([w, f]) => `${w}.${String(f).padStart(2, '0')}`),
      fuel: fc.option(fc.constantFrom('coal', 'gas'), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), async (rows) => {
        const result = await readSheet({ bytes: writeCsv({ columns: energyColumns, rows }), fileName: 'export.csv', columns: energyColumns });
        expect(result.errors).toEqual([]);
        expect(result.rows.map((r) => r.values)).toEqual(rows.map((r) => ({ ...r, electricityKwh: r.electricityKwh.replace(/^-(0\.00)$/, '$1') })));
      }),
      { numRuns: 100 },
    );
  });
});
