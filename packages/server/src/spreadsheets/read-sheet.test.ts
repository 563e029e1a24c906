import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './column-spec.ts';
import { buildZip } from './fixtures/build-zip.ts';
import { energyColumns } from './fixtures/energy-columns.ts';
import { xlsxOf } from './fixtures/build-workbook.ts';
import { readSheet, type ReadSheetOptions } from './read-sheet.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';

const csv = (text: string) => new TextEncoder().encode(text);
const header = '统一社会信用代码,企业名称,月份,用电量（千瓦时）,燃料\r\n';
const read = (bytes: Uint8Array, fileName = 'data.csv', extra: Partial<ReadSheetOptions> = {}) => readSheet({ bytes, fileName, columns: energyColumns, ...extra });

async function refusal(promise: Promise<unknown>): Promise<SpreadsheetError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof SpreadsheetError) return e;
    throw e;
  }
  throw new Error('expected a SpreadsheetError');
}

describe('readSheet: csv', () => {
  it('refuses a credit code that Excel turned into 9.1370883E+17, at its row and column', async () => {
    const result = await read(csv(`${header}9.1370883E+17,甲公司,2024-01,100,煤炭\r\n`));
    expect(result.rows).toEqual([]);
    expect(result.errors).toMatchObject([{ row: 2, column: 'uscc', columnLabel: '统一社会信用代码 (USCC)', code: 'CODE_IN_SCIENTIFIC_NOTATION', value: '9.1370883E+17' }]);
    expect(result.errors[0]!.message.zh).toMatch(/^第 2 行「统一社会信用代码」：代码显示为科学计数法/);
  });

  it('reports exactly the broken row of five and parses the other four', async () => {
    const lines = [
      '91370883MA3C00001X,甲,2024-01,100,煤炭',
      '91370883MA3C00002X,乙,2024-02,"1,200.5",天然气',
      '91370883MA3C00003X,丙,2024-13,12.345,石油',
      '91370883MA3C00004X,丁,2024/4,0,',
      '91370883MA3C00005X,戊,2024年5月,７．５,coal',
    ];
    const result = await read(csv(header + lines.join('\r\n')));
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'month', 'INVALID_MONTH'],
      [4, 'electricityKwh', 'TOO_MANY_DECIMALS'],
      [4, 'fuel', 'INVALID_ENUM'],
    ]);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 3, 5, 6]);
    expect(result.rows.map((r) => r.values)).toEqual([
      { uscc: '91370883MA3C00001X', name: '甲', month: '2024-01', electricityKwh: '100', fuel: 'coal' },
      { uscc: '91370883MA3C00002X', name: '乙', month: '2024-02', electricityKwh: '1200.5', fuel: 'gas' },
      { uscc: '91370883MA3C00004X', name: '丁', month: '2024-04', electricityKwh: '0', fuel: null },
      { uscc: '91370883MA3C00005X', name: '戊', month: '2024-05', electricityKwh: '7.5', fuel: 'coal' },
    ]);
    expect(result).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 1, errorCount: 3, dataRowCount: 5 });
  });

  it('reads a GB18030 file from Excel on Chinese Windows, full-width header and all', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/energy-gb18030.csv', import.meta.url)));
    const result = await read(bytes, '能耗.CSV');
    expect(result).toMatchObject({ format: 'csv', encoding: 'gb18030', errors: [] });
    expect(result.rows).toEqual([
      { rowNumber: 2, values: { uscc: '91370883MA3C00001X', name: '山东𠮷祥能源有限公司', month: '2024-01', electricityKwh: '1234.50', fuel: null } },
      { rowNumber: 3, values: { uscc: '91370100163000000Y', name: '济南钢铁（集团）', month: '2024-02', electricityKwh: '88', fuel: null } },
    ]);
  });

  it('skips empty rows but keeps Excel row numbers, and finds the header below a title', async () => {
    const text = `2024年用电台账,,\r\n单位：千瓦时\r\n\r\n${header.trimEnd()},,,,\r\n91370883MA3C00001X,,2024-01,5,\r\n   ,  ,\r\n91370883MA3C00002X,,2024-02,6,\r\n`;
    const result = await read(csv(text));
    expect(result.headerRow).toBe(4);
    expect(result.rows.map((r) => [r.rowNumber, r.values.uscc])).toEqual([
      [5, '91370883MA3C00001X'],
      [7, '91370883MA3C00002X'],
    ]);
  });

  it('refuses more data rows than maxRows (default 50,000), empty rows not counted', async () => {
    const row = '91370883MA3C00001X,,2024-01,1,\r\n';
    const error = await refusal(read(csv(header + row.repeat(50_001))));
    expect(error.code).toBe('TOO_MANY_ROWS');
    expect(error.details).toEqual({ limit: 50_000 });
    expect(error.messages.zh).toContain('50000');
    await expect(read(csv(header + `${row}\r\n`.repeat(3)), 'a.csv', { limits: { maxRows: 3 } })).resolves.toMatchObject({ dataRowCount: 3 });
    expect((await refusal(read(csv(header + row.repeat(4)), 'a.csv', { limits: { maxRows: 3 } }))).code).toBe('TOO_MANY_ROWS');
  });

  it('refuses more columns than maxColumns; trailing empty cells do not count', async () => {
    await expect(read(csv(`${header.trimEnd()},,,,,\r\n`), 'a.csv', { limits: { maxColumns: 5 } })).resolves.toMatchObject({ rows: [] });
    const error = await refusal(read(csv(`${header}91370883MA3C00001X,,2024-01,1,,x\r\n`), 'a.csv', { limits: { maxColumns: 5 } }));
    expect(error.code).toBe('TOO_MANY_COLUMNS');
    expect(error.details).toEqual({ limit: 5, row: 2 });
  });

  it('reports a value under an empty header cell, unless extra columns are allowed', async () => {
    const text = `${header.trimEnd()},,负责人\r\n91370883MA3C00001X,,2024-01,1,,多出来,张三\r\n`;
    expect((await refusal(read(csv(text)))).code).toBe('UNKNOWN_COLUMNS');
    const lenient = await read(csv(text), 'a.csv', { allowExtraColumns: true });
    expect(lenient.errors).toEqual([]);
    expect(lenient.rows[0]!.values).toEqual({ uscc: '91370883MA3C00001X', name: null, month: '2024-01', electricityKwh: '1', fuel: null });
    const strict = await read(csv(`${header}91370883MA3C00001X,,2024-01,1,,多出来\r\n`));
    expect(strict.rows).toEqual([]);
    expect(strict.errors).toMatchObject([{ row: 2, code: 'EXTRA_CELLS', value: '多出来' }]);
    expect(strict.errors[0]!.message.zh).toBe('第 2 行第 F 列：该列没有表头，请删除多余的数据');
  });

  it('treats an optional column missing from the file as null', async () => {
    const result = await read(csv('USCC,Month,Electricity (kWh)\r\n91370883MA3C00001X,2024-01,1\r\n'));
    expect(result.rows[0]!.values).toEqual({ uscc: '91370883MA3C00001X', name: null, month: '2024-01', electricityKwh: '1', fuel: null });
  });

  it('refuses a file without the required columns, naming them', async () => {
    const error = await refusal(read(csv('统一社会信用代码,月份\r\n91370883MA3C00001X,2024-01\r\n')));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.messages.zh).toContain('「用电量（千瓦时）」');
  });

  it('keeps at most maxErrors errors and counts the rest', async () => {
    const result = await read(csv(header + ',,,,\r\nx,,bad,bad,\r\n'.repeat(10)), 'a.csv', { limits: { maxErrors: 5 } });
    expect(result.errors).toHaveLength(5);
    expect(result.errorCount).toBe(20);
  });

  it('applies maxCellLength', async () => {
    const result = await read(csv(`${header}91370883MA3C00001X,${'名'.repeat(21)},2024-01,1,\r\n`), 'a.csv', { limits: { maxCellLength: 20 } });
    expect(result.errors).toMatchObject([{ row: 2, column: 'name', code: 'CELL_TOO_LONG' }]);
  });
});

describe('readSheet: format and size', () => {
  const zipOf = buildZip([{ name: 'word/document.xml', data: csv('<w/>') }]);
  it.each<[string, Uint8Array, string, string, unknown]>([
    ['an empty file', new Uint8Array(0), 'a.csv', 'EMPTY_FILE', {}],
    ['a file of blank lines', csv('\r\n , \r\n'), 'a.csv', 'EMPTY_FILE', {}],
    ['CSV content named .xlsx', csv(header), 'a.xlsx', 'EXTENSION_MISMATCH', { extension: 'xlsx', detected: 'csv' }],
    ['zip content named .csv', zipOf, 'a.csv', 'EXTENSION_MISMATCH', { extension: 'csv', detected: 'xlsx' }],
    [
      'an old .xls (OLE2) file',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'a.xls',
      'UNSUPPORTED_FORMAT',
      { reason: 'xls-or-encrypted', extension: 'xls' },
    ],
    [
      'a password-protected workbook (also OLE2)',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'a.xlsx',
      'UNSUPPORTED_FORMAT',
      { reason: 'xls-or-encrypted', extension: 'xlsx' },
    ],
    ['a text file with another extension', csv(header), 'a.txt', 'UNSUPPORTED_FORMAT', { reason: 'extension', extension: 'txt' }],
    ['binary content', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'a.csv', 'UNSUPPORTED_FORMAT', { reason: 'binary', extension: 'csv' }],
    ['a zip that is not a workbook', zipOf, 'a.xlsx', 'UNSUPPORTED_FORMAT', { reason: 'not-a-workbook' }],
    ['a UTF-16 CSV', new Uint8Array([0xff, 0xfe, 0x61, 0]), 'a.csv', 'ENCODING', { reason: 'utf-16' }],
  ])('refuses %s', async (_name, bytes, fileName, code, details) => {
    const error = await refusal(read(bytes, fileName));
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
    expect(error.messages.zh).not.toBe('');
    expect(error.messages.en).not.toBe('');
  });

  it('refuses a file over maxBytes before looking at it', async () => {
    const error = await refusal(read(csv(header.repeat(10)), 'a.csv', { limits: { maxBytes: 100 } }));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.status).toBe(413);
  });

  it('refuses a zip bomb named .xlsx with ZIP_LIMITS', async () => {
    const bomb = buildZip([
      { name: 'xl/workbook.xml', data: csv('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(8 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const error = await refusal(read(bomb, 'bomb.xlsx'));
    expect(error.code).toBe('ZIP_LIMITS');
    expect(error.details).toMatchObject({ limit: 'compression-ratio' });
  });

  it('refuses a malformed CSV with the row', async () => {
    const error = await refusal(read(csv(`${header}"91370883MA3C00001X,,2024-01,1,\r\n`)));
    expect(error.code).toBe('CSV_MALFORMED');
  });
});

describe('readSheet: xlsx cells', () => {
  const columns: ColumnSpec[] = [
    { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code', required: true },
    { key: 'day', labelZh: '日期', labelEn: 'Date', kind: 'date' },
    { key: 'amount', labelZh: '金额（元）', labelEn: 'Amount (CNY)', kind: 'decimal', maxDecimals: 2 },
    { key: 'note', labelZh: '备注', labelEn: 'Note', kind: 'text' },
  ];
  const head = ['统一社会信用代码（USCC）', '日期', '金额(元)', '备注'];

  it('reads text, dates without time-zone shifts, formula results, rich text; refuses numeric codes and error values', async () => {
    const bytes = await xlsxOf([
      head,
      ['91370883MA3C00001X', new Date(Date.UTC(2024, 0, 31)), 1234.5, { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] }],
      ['91370883MA3C00002X', '2024/2/29', { formula: 'C2-C2', result: 0 }, { text: '链接', hyperlink: 'https://example.org' }],
      [913708830000000000, null, { formula: '1/0', result: { error: '#DIV/0!' } }, null],
      ['91370883MA3C00004X', null, { error: '#N/A' }, { formula: 'A1', result: '=not a formula' }],
      ['91370883MA3C00005X', 45000, { formula: 'C2*3', result: 3703.5 }, true],
    ]);
    const result = await readSheet({ bytes, fileName: 'x.xlsx', columns });
    expect(result.rows).toEqual([
      { rowNumber: 2, values: { uscc: '91370883MA3C00001X', day: '2024-01-31', amount: '1234.5', note: '富文本' } },
      { rowNumber: 3, values: { uscc: '91370883MA3C00002X', day: '2024-02-29', amount: '0', note: '链接' } },
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'uscc', 'CODE_NOT_TEXT'],
      [4, 'amount', 'CELL_ERROR'],
      [5, 'amount', 'CELL_ERROR'],
      [6, 'day', 'INVALID_DATE'],
    ]);
  });

  it('reads the first sheet in tab order by default, or the one named', async () => {
    const other = { name: '封面', rows: [['这不是数据']] };
    const bytes = await xlsxOf([head, ['91370883MA3C00001X']], { sheetName: '数据', before: [other] });
    expect((await refusal(readSheet({ bytes, fileName: 'x.xlsx', columns }))).code).toBe('MISSING_COLUMNS');
    const named = await readSheet({ bytes, fileName: 'x.xlsx', columns, sheetName: '数据' });
    expect(named).toMatchObject({ sheetName: '数据', rows: [{ rowNumber: 2, values: { uscc: '91370883MA3C00001X' } }] });
    const error = await refusal(readSheet({ bytes, fileName: 'x.xlsx', columns, sheetName: 'Data' }));
    expect(error.code).toBe('SHEET_NOT_FOUND');
    expect(error.details).toEqual({ sheetName: 'Data', available: ['封面', '数据'] });
  });

  it('refuses a value beyond maxColumns in a sheet', async () => {
    const row = Array.from({ length: 8 }, (): string | null => null);
    row[0] = '91370883MA3C00001X';
    row[7] = 'far away';
    const error = await refusal(readSheet({ bytes: await xlsxOf([head, row]), fileName: 'x.xlsx', columns, limits: { maxColumns: 6 } }));
    expect(error.details).toEqual({ limit: 6, row: 2 });
  });

  it('stops a large sheet mid-stream at maxRows, cleanly', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [`91370883MA3C${String(i).padStart(5, '0')}X`, null, i]);
    const error = await refusal(readSheet({ bytes: await xlsxOf([head, ...rows]), fileName: 'x.xlsx', columns, limits: { maxRows: 10 } }));
    expect(error.code).toBe('TOO_MANY_ROWS');
    expect(error.details).toEqual({ limit: 10 });
  });

  it('refuses an empty workbook', async () => {
    expect((await refusal(readSheet({ bytes: await xlsxOf([]), fileName: 'x.xlsx', columns }))).code).toBe('EMPTY_FILE');
  });
});
