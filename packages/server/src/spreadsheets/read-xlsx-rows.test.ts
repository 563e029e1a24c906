import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './column-spec.ts';
import { xlsxOf } from './fixtures/build-workbook.ts';
import { readSheet } from './read-sheet.ts';
import { decodeAcrossChunks, excelSerialToDate, isDateFormat, toRawCell } from './read-xlsx-rows.ts';
import { writeXlsx } from './write-xlsx.ts';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('decodeAcrossChunks', () => {
  it('keeps characters whole when chunks split them', async () => {
    const bytes = new TextEncoder().encode('山东𠮷祥能源（集团）');
    for (const size of [1, 2, 3, 5, 7]) expect(await collect(decodeAcrossChunks(chunksOf(bytes, size)))).toBe('山东𠮷祥能源（集团）');
  });

  it('refuses invalid UTF-8 instead of inventing U+FFFD', async () => {
    await expect(collect(decodeAcrossChunks(chunksOf(new Uint8Array([0x3c, 0xd6, 0xd0, 0x3e]), 2)))).rejects.toThrow(TypeError);
  });
});

describe('readXlsxRows through readSheet: Chinese text across XML chunk boundaries', () => {
  // Names of 1–9 three-byte characters: across 20,000 cells the inflater's 16 KiB chunks split many of them.
  const names = Array.from({ length: 20_000 }, (_, i) => '碳金融数字化服务平台'.slice(0, (i % 9) + 1) + '甲乙丙丁戊'[i % 5]!);
  const columns: ColumnSpec[] = [{ key: 'name', labelZh: '企业名称', labelEn: 'Name', kind: 'text', required: true }];

  it('reads every name intact from a streamed export (inline strings)', async () => {
    const bytes = await writeXlsx({ sheets: [{ name: '企业', columns, rows: names.map((name) => ({ name })) }] });
    const result = await readSheet({ bytes, fileName: '企业.xlsx', columns });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.values.name)).toEqual(names);
  });

  it('reads every name intact from shared strings, as Excel stores them', async () => {
    const bytes = await xlsxOf([['企业名称'], ...names.map((name, i) => [`${name}${i}`])], { sheetName: '企业名单' });
    const result = await readSheet({ bytes, fileName: '企业.xlsx', columns });
    expect(result.sheetName).toBe('企业名单');
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.values.name)).toEqual(names.map((name, i) => `${name}${i}`));
  });
});

describe('toRawCell', () => {
  it.each<[string, Parameters<typeof toRawCell>[0], unknown]>([
    ['empty string', { value: '' }, { type: 'empty' }],
    ['formula result 0 (exceljs drops falsy results from value)', { value: { formula: 'A1-A1' } as never, result: 0 }, { type: 'number', value: 0 }],
    ['formula error result (parsed as NaN)', { value: { formula: '1/0' } as never, result: Number.NaN }, { type: 'error' }],
    ['formula without result', { value: { formula: 'A1' } as never, result: undefined }, { type: 'formula-without-result' }],
    ['date-formatted formula result', { value: { formula: 'TODAY()' } as never, result: 45292, numFmt: 'yyyy-mm-dd' }, { type: 'date', value: new Date(Date.UTC(2024, 0, 1)) }],
    ['hyperlink', { value: { text: '链接', hyperlink: 'https://example.org' } }, { type: 'text', text: '链接' }],
  ])('%s', (_name, cell, expected) => {
    expect(toRawCell(cell, false)).toEqual(expected);
  });
});

describe('dates', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['[$-804]yyyy"年"m"月"', true],
    ['0.00', false],
    ['"kg"0.00', false],
    ['General', false],
    ['@', false],
  ])('isDateFormat(%j) is %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });

  it('converts serials in both date systems to UTC midnight', () => {
    expect(excelSerialToDate(45292, false)).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(excelSerialToDate(45292 - 1462, true)).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(excelSerialToDate(45292.5, false)).toEqual(new Date(Date.UTC(2024, 0, 1, 12)));
  });
});
