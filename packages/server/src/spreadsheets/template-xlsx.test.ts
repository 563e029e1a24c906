import { describe, expect, it } from 'vitest';
import { energyColumns } from './fixtures/energy-columns.ts';
import { loadWorkbook } from './fixtures/build-workbook.ts';
import { readSheet } from './read-sheet.ts';
import { templateXlsx, TEMPLATE_DATA_SHEET, TEMPLATE_INSTRUCTIONS_SHEET } from './template-xlsx.ts';

const instructions = { instructionsZh: ['每个企业每月填写一行。', '用电量不含单位。'], instructionsEn: ['One row per enterprise and month.', 'No units in the numbers.'] };

/** The validation rules of a sheet, by cell (exceljs expands ranges when it loads). */
const validations = (sheet: unknown) => (sheet as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;

describe('templateXlsx', () => {
  it('has a data sheet with a marked header, text-formatted code columns and drop-down lists, and an instructions sheet', async () => {
    const bytes = await templateXlsx({
      columns: energyColumns,
      exampleRows: [{ uscc: '91370883MA3C00001X', month: '2024-01', electricityKwh: '1234.5', fuel: 'coal' }],
      ...instructions,
    });
    const workbook = await loadWorkbook(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([TEMPLATE_DATA_SHEET, TEMPLATE_INSTRUCTIONS_SHEET]);

    const data = workbook.worksheets[0]!;
    expect(data.getRow(1).values).toEqual([undefined, '*统一社会信用代码 (USCC)', '企业名称 (Name)', '*月份 (Month)', '*用电量（千瓦时） (Electricity (kWh))', '燃料 (Fuel)']);
    expect(data.getCell('A1').font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getColumn(1).numFmt).toBe('@');
    for (const address of ['A2', 'A1001', 'B500']) expect(data.getCell(address).numFmt).toBe('@');
    expect(data.getCell('C2').numFmt).toBe('yyyy-mm');
    // Nothing on the data sheet but the header: the examples are on the instructions sheet.
    expect(data.getCell('A2').value).toBeNull();
    const rules = validations(data);
    expect(rules.E2).toMatchObject({ type: 'list', formulae: ['"煤炭,天然气"'] });
    expect(rules.E1001).toMatchObject({ type: 'list' });
    expect(rules.E1002).toBeUndefined();
    expect(rules.A2).toBeUndefined();

    const help = workbook.worksheets[1]!;
    const lines = Array.from(help.getSheetValues(), (row) =>
      Array.isArray(row)
        ? row
            .slice(1)
            .map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))
            .join(' | ')
        : '',
    );
    expect(lines).toContain('每个企业每月填写一行。');
    expect(lines).toContain('No units in the numbers.');
    expect(lines.find((l) => l.startsWith('统一社会信用代码 (USCC)'))).toBe(
      '统一社会信用代码 (USCC) | 代码（文本格式，请勿存为数字或科学计数法）\nCode, as text (never as a number or in scientific notation) | 是 (Yes) | 18 位，含字母 | 91370883MA3C00001X',
    );
    expect(lines.find((l) => l.startsWith('用电量（千瓦时）'))).toContain('最多 2 位小数');
    expect(lines.find((l) => l.startsWith('燃料 (Fuel)'))).toContain('从下拉列表选择：煤炭、天然气');
    expect(lines).toContain('91370883MA3C00001X |  | 2024-01-01T00:00:00.000Z | 1234.5 | 煤炭');
  });

  it('puts long choice lists on a hidden sheet', async () => {
    const values = Array.from({ length: 60 }, (_, i) => `行业${String(i).padStart(2, '0')}`);
    const bytes = await templateXlsx({ columns: [{ key: 'sector', labelZh: '行业', labelEn: 'Sector', kind: 'enum', values }], ...instructions });
    const workbook = await loadWorkbook(bytes);
    const lists = workbook.getWorksheet('选项 (Lists)')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell('A60').value).toBe('行业59');
    expect(validations(workbook.worksheets[0]).A2).toMatchObject({ type: 'list', formulae: ["'选项 (Lists)'!$A$1:$A$60"] });
  });

  it('reads back empty, then as filled in Excel: five rows, the broken middle one reported alone', async () => {
    const template = await templateXlsx({ columns: energyColumns, ...instructions });
    expect(await readSheet({ bytes: template, fileName: '模板.xlsx', columns: energyColumns })).toMatchObject({
      format: 'xlsx',
      sheetName: TEMPLATE_DATA_SHEET,
      headerRow: 1,
      rows: [],
      errors: [],
    });

    const workbook = await loadWorkbook(template);
    const data = workbook.worksheets[0]!;
    const filled = [
      ['91370883MA3C00001X', '甲公司', new Date(Date.UTC(2024, 0, 1)), 1234.5, '煤炭'],
      ['91370883MA3C00002X', '乙公司', '2024年2月', '2,000.25', 'gas'],
      // Row 4: the code typed without the text format: Excel stored a number.
      [913708830000000000, '丙公司', '2024-03', 10, '天然气'],
      ['91370883MA3C00004X', '丁公司', '2024/4', { formula: 'D2*2', result: 2469 }, null],
      ['91370883MA3C00005X', '戊公司', new Date(Date.UTC(2024, 4, 1)), 0, '煤炭'],
    ];
    filled.forEach((values, r) => values.forEach((value, c) => (data.getCell(r + 2, c + 1).value = value as never)));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const result = await readSheet({ bytes, fileName: '2024年能耗.xlsx', columns: energyColumns });
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'uscc',
        columnLabel: '统一社会信用代码 (USCC)',
        code: 'CODE_NOT_TEXT',
        message: {
          zh: '第 4 行「统一社会信用代码」：代码被存为数字，超过 15 位的数字会丢失精度。请将该列设置为“文本”格式后重新输入',
          en: 'Row 4, "USCC": The code is stored as a number, which loses digits beyond 15. Format the column as Text and enter the code again',
        },
        value: '913708830000000000',
      },
    ]);
    expect(result.rows).toEqual([
      { rowNumber: 2, values: { uscc: '91370883MA3C00001X', name: '甲公司', month: '2024-01', electricityKwh: '1234.5', fuel: 'coal' } },
      { rowNumber: 3, values: { uscc: '91370883MA3C00002X', name: '乙公司', month: '2024-02', electricityKwh: '2000.25', fuel: 'gas' } },
      { rowNumber: 5, values: { uscc: '91370883MA3C00004X', name: '丁公司', month: '2024-04', electricityKwh: '2469', fuel: null } },
      { rowNumber: 6, values: { uscc: '91370883MA3C00005X', name: '戊公司', month: '2024-05', electricityKwh: '0', fuel: 'coal' } },
    ]);
    expect(result.dataRowCount).toBe(5);
  });
});
