import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './column-spec.ts';
import { matchHeader } from './match-header.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';

const columns: ColumnSpec[] = [
  { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code', required: true },
  { key: 'electricityKwh', labelZh: '用电量（千瓦时）', labelEn: 'Electricity (kWh)', kind: 'decimal', required: true },
  { key: 'remark', labelZh: '备注', labelEn: 'Remark', kind: 'text' },
];

const match = (headers: (string | null)[], allowExtraColumns = false) => matchHeader({ headers, columns, allowExtraColumns, headerRow: 1 });
const thrown = (f: () => unknown): SpreadsheetError => {
  try {
    f();
  } catch (e) {
    if (e instanceof SpreadsheetError) return e;
    throw e;
  }
  throw new Error('expected a SpreadsheetError');
};

describe('matchHeader', () => {
  it.each<[string, (string | null)[]]>([
    ['Chinese labels with full-width parentheses', ['统一社会信用代码', '用电量（千瓦时）']],
    ['Chinese labels with half-width parentheses', ['统一社会信用代码', '用电量(千瓦时)']],
    ['English labels in any case and spacing', ['uscc', 'ELECTRICITY(KWH)']],
    ['keys', ['uscc', 'electricityKwh']],
    ['the writers’ combined labels, full-width', ['统一社会信用代码（USCC）', '用电量（千瓦时）（Electricity (kWh)）']],
    ['labels on two lines', ['统一社会信用代码\nUSCC', '用电量（千瓦时）\nElectricity (kWh)']],
    ['a * marking a required column', ['*统一社会信用代码 (USCC)', '＊用电量（千瓦时）']],
  ])('matches %s', (_name, headers) => {
    expect(Object.fromEntries(match(headers).indexByKey)).toEqual({ uscc: 0, electricityKwh: 1 });
  });

  it('maps by position whatever the order, skipping empty header cells', () => {
    expect(Object.fromEntries(match(['备注', null, 'Electricity (kWh)', 'USCC']).indexByKey)).toEqual({ remark: 0, electricityKwh: 2, uscc: 3 });
  });

  it('refuses missing required columns, listing them and the unrecognised headers', () => {
    const error = thrown(() => match(['USCC', '用电量(度)']));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.details).toEqual({ missing: [{ key: 'electricityKwh', labelZh: '用电量（千瓦时）', labelEn: 'Electricity (kWh)' }], unknown: ['用电量(度)'], headerRow: 1 });
    expect(error.messages.zh).toContain('「用电量（千瓦时）」');
    expect(error.messages.en).toContain('"Electricity (kWh)"');
  });

  it('refuses unknown columns unless extra columns are allowed', () => {
    expect(thrown(() => match(['USCC', 'kWh', '负责人'])).details).toEqual({
      missing: [{ key: 'electricityKwh', labelZh: '用电量（千瓦时）', labelEn: 'Electricity (kWh)' }],
      unknown: ['kWh', '负责人'],
      headerRow: 1,
    });
    const error = thrown(() => match(['USCC', 'Electricity (kWh)', '负责人']));
    expect(error.code).toBe('UNKNOWN_COLUMNS');
    expect(error.details).toEqual({ unknown: ['负责人'], headerRow: 1 });
    expect(match(['USCC', 'Electricity (kWh)', '负责人'], true).extraIndexes).toEqual([2]);
  });

  it('refuses a column named twice', () => {
    const error = thrown(() => match(['USCC', '统一社会信用代码', 'Electricity (kWh)']));
    expect(error.code).toBe('DUPLICATE_COLUMNS');
    expect(error.details).toMatchObject({ headers: ['USCC', '统一社会信用代码'] });
  });
});
