import { describe, expect, it } from 'vitest';
import { neutraliseFormula, outputCell, plainDecimal, type OutputColumn } from './output-cell.ts';

const decimal: OutputColumn = { key: 'kwh', labelZh: '用电量', labelEn: 'kWh', kind: 'decimal', maxDecimals: 2 };
const integer: OutputColumn = { key: 'n', labelZh: '数量', labelEn: 'Count', kind: 'integer' };
const text: OutputColumn = { key: 'name', labelZh: '名称', labelEn: 'Name', kind: 'text' };
const code: OutputColumn = { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'USCC', kind: 'code' };

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['济南 = 1', '济南 = 1'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});

describe('outputCell', () => {
  it.each<[string | number, unknown]>([
    ['1234.5', { type: 'number', value: 1234.5, numFmt: '0.00', text: '1234.5' }],
    [1234.5, { type: 'number', value: 1234.5, numFmt: '0.00', text: '1234.5' }],
    ['-5', { type: 'number', value: -5, numFmt: '0.00', text: '-5' }],
    ['1.125', { type: 'number', value: 1.125, numFmt: '0.000', text: '1.125' }],
    // 16 significant digits: Excel could not show them all.
    ['1234567890.123456', { type: 'text', text: '1234567890.123456' }],
    // Exact in no double: written as text, digits intact.
    ['0.1000000000000000055511151231257827', { type: 'text', text: '0.1000000000000000055511151231257827' }],
    // A negative number in a decimal column is a number, not a formula.
    ['-12345678901234567890', { type: 'text', text: '-12345678901234567890' }],
    ['=1+1', { type: 'text', text: "'=1+1" }],
    ['n/a', { type: 'text', text: 'n/a' }],
  ])('decimal %j', (value, expected) => {
    expect(outputCell({ column: decimal, value })).toEqual(expected);
  });

  it.each<[string | number, unknown]>([
    [42, { type: 'number', value: 42, numFmt: '0', text: '42' }],
    ['9007199254740993', { type: 'text', text: '9007199254740993' }],
    ['12.5', { type: 'text', text: '12.5' }],
  ])('integer %j', (value, expected) => {
    expect(outputCell({ column: integer, value })).toEqual(expected);
  });

  it('writes dates and months as UTC dates, anything else as text', () => {
    expect(outputCell({ column: { ...text, kind: 'date' }, value: '2024-02-29' })).toEqual({
      type: 'date',
      value: new Date(Date.UTC(2024, 1, 29)),
      numFmt: 'yyyy-mm-dd',
      text: '2024-02-29',
    });
    expect(outputCell({ column: { ...text, kind: 'month' }, value: '2024-02' })).toEqual({
      type: 'date',
      value: new Date(Date.UTC(2024, 1, 1)),
      numFmt: 'yyyy-mm',
      text: '2024-02',
    });
    expect(outputCell({ column: { ...text, kind: 'date' }, value: '2023-02-29' })).toEqual({ type: 'text', text: '2023-02-29' });
  });

  it('writes code and text as text, neutralised; enum keys as their label', () => {
    expect(outputCell({ column: code, value: '0012345678901234567' })).toEqual({ type: 'text', text: '0012345678901234567' });
    expect(outputCell({ column: text, value: '-5' })).toEqual({ type: 'text', text: "'-5" });
    expect(outputCell({ column: text, value: '@SUM(1)' })).toEqual({ type: 'text', text: "'@SUM(1)" });
    expect(outputCell({ column: { ...text, kind: 'enum', values: ['coal'], valueLabels: { coal: { zh: '煤炭' } } }, value: 'coal' })).toEqual({ type: 'text', text: '煤炭' });
  });

  it('leaves null, undefined and empty strings empty; refuses NaN', () => {
    for (const value of [null, undefined, '']) expect(outputCell({ column: decimal, value })).toEqual({ type: 'empty', text: '' });
    expect(() => outputCell({ column: decimal, value: Number.NaN })).toThrow(RangeError);
  });
});

describe('plainDecimal', () => {
  it.each([
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e22, '-25000000000000000000000'],
    [123.45, '123.45'],
  ])('%d → %s', (n, expected) => {
    expect(plainDecimal(n)).toBe(expected);
  });
});
