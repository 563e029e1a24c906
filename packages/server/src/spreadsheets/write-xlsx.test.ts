import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { energyColumns } from './fixtures/energy-columns.ts';
import { loadWorkbook } from './fixtures/build-workbook.ts';
import { readSheet } from './read-sheet.ts';
import { writeXlsx } from './write-xlsx.ts';

const rows = [
  { uscc: '91370883MA3C00001X', name: '济南钢铁（集团）', month: '2024-01', electricityKwh: '-1234.5', fuel: 'coal' },
  { uscc: '0012345678901234567', name: '=HYPERLINK("http://evil","点我")', month: '2024-02', electricityKwh: '12345678901234567.25', fuel: 'gas' },
  { uscc: '91370100163000000Y', name: '-5', month: '2024-03', electricityKwh: 7, fuel: null },
];

describe('writeXlsx', () => {
  it('writes title, notes, a bold frozen header with both labels, text-formatted code columns and typed values', async () => {
    const bytes = await writeXlsx({ title: '2024年一季度用电', sheets: [{ name: '用电 (Electricity)', columns: energyColumns, rows, notes: ['单位：千瓦时'] }] });
    const workbook = await loadWorkbook(bytes);
    expect(workbook.title).toBe('2024年一季度用电');
    const sheet = workbook.getWorksheet('用电 (Electricity)')!;
    expect(sheet.getCell('A1').value).toBe('2024年一季度用电');
    expect(sheet.getCell('A2').value).toBe('单位：千瓦时');
    expect(sheet.getRow(3).values).toEqual([undefined, '统一社会信用代码 (USCC)', '企业名称 (Name)', '月份 (Month)', '用电量（千瓦时） (Electricity (kWh))', '燃料 (Fuel)']);
    expect(sheet.getCell('A3').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(22);
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(2).numFmt).toBe('@');

    // Codes are text with the text format, leading zeros intact.
    expect(sheet.getCell('A5').value).toBe('0012345678901234567');
    expect(sheet.getCell('A5').numFmt).toBe('@');
    // A negative decimal is a number; one too long for a double is text.
    expect(sheet.getCell('D4').value).toBe(-1234.5);
    expect(sheet.getCell('D4').numFmt).toBe('0.00');
    expect(sheet.getCell('D5').value).toBe('12345678901234567.25');
    expect(sheet.getCell('D6').value).toBe(7);
    // Formula-like text is neutralised and never written as a formula.
    expect(sheet.getCell('B5').value).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(sheet.getCell('B5').type).toBe(3); // ValueType.String
    expect(sheet.getCell('B6').value).toBe("'-5");
    // Months are real dates shown as yyyy-mm; enum keys are written as labels.
    expect(sheet.getCell('C4').value).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(sheet.getCell('C4').numFmt).toBe('yyyy-mm');
    expect(sheet.getCell('E4').value).toBe('煤炭');
  });

  it('re-imports through readSheet, below the title and notes', async () => {
    const bytes = await writeXlsx({ title: '2024年一季度用电', sheets: [{ name: 'S', columns: energyColumns, rows, notes: ['单位：千瓦时', '数据来源：电网'] }] });
    const result = await readSheet({ bytes, fileName: 'export.xlsx', columns: energyColumns });
    expect(result.headerRow).toBe(4);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual(rows.map((values, i) => ({ rowNumber: 5 + i, values: { ...values, electricityKwh: String(values.electricityKwh) } })));
  });

  it('writes several sheets and refuses names Excel would refuse', async () => {
    const bytes = await writeXlsx({ sheets: ['一', '二'].map((name) => ({ name, columns: energyColumns, rows: [] })) });
    expect((await loadWorkbook(bytes)).worksheets.map((s) => s.name)).toEqual(['一', '二']);
    for (const name of ['填写说明 / Instructions', '', 'x'.repeat(32), 'a[1]']) {
      await expect(writeXlsx({ sheets: [{ name, columns: energyColumns, rows: [] }] })).rejects.toThrow(RangeError);
    }
    await expect(writeXlsx({ sheets: ['Same', 'same'].map((name) => ({ name, columns: energyColumns, rows: [] })) })).rejects.toThrow(/duplicate/);
  });

  it('round-trips decimals exactly, as numbers or as text (property)', async () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.integer({ min: 0, max: 99 }))
      .map(([negative, whole, cents]) => `${negative && (whole > 0n || cents > 0) ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`);
    await fc.assert(
      fc.asyncProperty(fc.array(decimal, { minLength: 1, maxLength: 10 }), async (amounts) => {
        const written = amounts.map((electricityKwh) => ({ uscc: '91370883MA3C00001X', month: '2024-01', electricityKwh }));
        const bytes = await writeXlsx({ sheets: [{ name: 'S', columns: energyColumns, rows: written }] });
        const result = await readSheet({ bytes, fileName: 'x.xlsx', columns: energyColumns });
        expect(result.errors).toEqual([]);
        // Numbers come back in their shortest form: compare as canonical decimals.
        const canonical = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
        expect(result.rows.map((r) => canonical(r.values.electricityKwh!))).toEqual(amounts.map(canonical));
      }),
      { numRuns: 30 },
    );
  });
});
