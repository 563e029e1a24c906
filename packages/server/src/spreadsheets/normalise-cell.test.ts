import { describe, expect, it } from 'vitest';
import type { ColumnKind, ColumnSpec } from './column-spec.ts';
import { normaliseCell, plainNumber, type RawCell } from './normalise-cell.ts';

const column = (kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key: 'k', labelZh: '列', labelEn: 'Col', kind, ...extra });
const text = (t: string): RawCell => ({ type: 'text', text: t });
const num = (value: number): RawCell => ({ type: 'number', value });
const date = (y: number, m: number, d: number, h = 0): RawCell => ({ type: 'date', value: new Date(Date.UTC(y, m - 1, d, h)) });
/** The value, or the error code. */
const run = (spec: ColumnSpec, cell: RawCell, maxCellLength = 1000) => {
  const result = normaliseCell({ column: spec, cell, maxCellLength });
  return result.ok ? result.value : result.code;
};

describe('normaliseCell: code', () => {
  const code = column('code', { required: true });
  it.each<[string, RawCell, string]>([
    ['keeps an 18-character credit code', text('91370883MA3C00001X'), '91370883MA3C00001X'],
    ['trims and folds full-width characters', text('  ９１３７０８８３ＭＡ３Ｃ００００１Ｘ　'), '91370883MA3C00001X'],
    ['keeps leading zeros of an account number', text('0012345678901234567'), '0012345678901234567'],
    ['refuses Excel scientific notation as text', text('9.1370883E+17'), 'CODE_IN_SCIENTIFIC_NOTATION'],
    ['refuses lower-case scientific notation', text('1.23e5'), 'CODE_IN_SCIENTIFIC_NOTATION'],
    ['refuses a numeric cell (precision lost beyond 15 digits)', num(913708830000000000), 'CODE_NOT_TEXT'],
    ['refuses even a short numeric cell', num(12345), 'CODE_NOT_TEXT'],
    ['refuses a date cell', date(2024, 1, 1), 'CODE_NOT_TEXT'],
    ['requires a value', { type: 'empty' }, 'REQUIRED'],
    ['treats whitespace as empty', text('   '), 'REQUIRED'],
  ])('%s', (_name, cell, expected) => {
    expect(run(code, cell)).toBe(expected);
  });
});

describe('normaliseCell: decimal', () => {
  const decimal = column('decimal', { maxDecimals: 2 });
  it.each<[string, RawCell, string | null]>([
    ['keeps the digits as typed', text('1234.50'), '1234.50'],
    ['strips well-formed grouping', text('1,234,567.5'), '1234567.5'],
    ['refuses malformed grouping', text('1,23.5'), 'INVALID_DECIMAL'],
    ['refuses grouping of four', text('1234,567'), 'INVALID_DECIMAL'],
    ['folds full-width digits, point and minus', text('－１２３．４'), '-123.4'],
    ['drops a plus sign and leading zeros', text('+007.5'), '7.5'],
    ['accepts a bare fraction', text('.5'), '0.5'],
    ['normalises negative zero', text('-0.00'), '0.00'],
    ['refuses scientific notation', text('1.5E+3'), 'NUMBER_IN_SCIENTIFIC_NOTATION'],
    ['refuses more places than allowed', text('1.234'), 'TOO_MANY_DECIMALS'],
    ['drops zeros past the limit', text('1.2300'), '1.23'],
    ['refuses units', text('12 kWh'), 'INVALID_DECIMAL'],
    ['refuses a lone minus', text('-'), 'INVALID_DECIMAL'],
    ['empty optional cell is null', { type: 'empty' }, null],
    ['numeric cell: shortest round-trip form', num(1234.5), '1234.5'],
    ['numeric cell: float noise past 15 digits is what Excel shows', num(0.1 + 0.2), '0.3'],
    ['numeric cell: an exponent is refused', num(1e21), 'NUMBER_IN_SCIENTIFIC_NOTATION'],
    ['numeric cell: a tiny number is refused', num(1e-7), 'NUMBER_IN_SCIENTIFIC_NOTATION'],
    ['numeric cell: more than 15 whole digits is lost precision', num(Number('1234567890123456789')), 'NUMBER_PRECISION_LOST'],
    ['numeric cell: too many places', num(1.125), 'TOO_MANY_DECIMALS'],
    ['an Excel error', { type: 'error', text: '#DIV/0!' }, 'CELL_ERROR'],
    ['a formula without a cached result', { type: 'formula-without-result' }, 'FORMULA_NO_RESULT'],
    ['a boolean', { type: 'boolean', value: true }, 'INVALID_DECIMAL'],
    ['a date', date(2024, 1, 1), 'INVALID_DECIMAL'],
  ])('%s', (_name, cell, expected) => {
    expect(run(decimal, cell)).toBe(expected);
  });

  it('accepts any number of places without maxDecimals', () => {
    expect(run(column('decimal'), text('0.123456789'))).toBe('0.123456789');
  });

  it('keeps digits a double could not hold (text never passes through a float)', () => {
    expect(run(column('decimal'), text('12345678901234567890.123456789'))).toBe('12345678901234567890.123456789');
  });
});

describe('normaliseCell: integer', () => {
  const integer = column('integer');
  it.each<[RawCell, string]>([
    [text('１，２３４'), '1234'],
    [text('12.0'), '12'],
    [text('12.5'), 'INVALID_INTEGER'],
    [text('abc'), 'INVALID_INTEGER'],
    [num(42), '42'],
    [num(4.2), 'INVALID_INTEGER'],
  ])('%j → %s', (cell, expected) => {
    expect(run(integer, cell)).toBe(expected);
  });
});

describe('normaliseCell: date and month', () => {
  it.each<[RawCell, string]>([
    [text('2024-01-05'), '2024-01-05'],
    [text('2024/1/5'), '2024-01-05'],
    [text('2024.1.5'), '2024-01-05'],
    [text('2024年1月5日'), '2024-01-05'],
    [text('２０２４－０１－０５'), '2024-01-05'],
    [text('2024-01-05 00:00:00'), '2024-01-05'],
    [text('2024-01-05 13:30'), 'INVALID_DATE'],
    [text('2024-02-30'), 'INVALID_DATE'],
    [text('2024-01/05'), 'INVALID_DATE'],
    [text('05/01/2024'), 'INVALID_DATE'],
    [date(2024, 2, 29), '2024-02-29'],
    [date(2024, 2, 29, 23), '2024-02-29'],
    [num(45292), 'INVALID_DATE'],
  ])('date %j → %s', (cell, expected) => {
    expect(run(column('date'), cell)).toBe(expected);
  });

  it.each<[RawCell, string]>([
    [text('2024-01'), '2024-01'],
    [text('2024/1'), '2024-01'],
    [text('2024年1月'), '2024-01'],
    [text('2024年12月'), '2024-12'],
    [text('2024-13'), 'INVALID_MONTH'],
    [text('2024-00'), 'INVALID_MONTH'],
    [text('2024-01-01'), 'INVALID_MONTH'],
    [text('Jan-24'), 'INVALID_MONTH'],
    [date(2024, 1, 1), '2024-01'],
    [date(2024, 12, 31), '2024-12'],
  ])('month %j → %s', (cell, expected) => {
    expect(run(column('month'), cell)).toBe(expected);
  });
});

describe('normaliseCell: enum and text', () => {
  const fuel = column('enum', { values: ['coal', 'gas'], valueLabels: { coal: { zh: '煤炭', en: 'Coal' }, gas: { zh: '天然气', en: 'Natural gas' } } });
  it.each<[string, string]>([
    ['coal', 'coal'],
    ['COAL', 'coal'],
    ['煤炭', 'coal'],
    ['natural gas', 'gas'],
    ['Natural  Gas', 'gas'],
    ['石油', 'INVALID_ENUM'],
  ])('enum %s → %s', (input, expected) => {
    expect(run(fuel, text(input))).toBe(expected);
  });

  it('lists the allowed labels in the message parameters', () => {
    const result = normaliseCell({ column: fuel, cell: text('石油'), maxCellLength: 1000 });
    expect(result).toEqual({ ok: false, code: 'INVALID_ENUM', params: { allowed: ['煤炭', '天然气'] } });
  });

  it.each<[RawCell, string]>([
    [text('  济南钢铁（集团）  '), '济南钢铁（集团）'],
    [text('\'=HYPERLINK("x")'), '=HYPERLINK("x")'],
    [text("'-5"), '-5'],
    [text("'plain"), "'plain"],
    [num(13800138000), '13800138000'],
    [date(2024, 1, 5), '2024-01-05'],
    [{ type: 'boolean', value: false }, 'FALSE'],
  ])('text %j → %s', (cell, expected) => {
    expect(run(column('text'), cell)).toBe(expected);
  });

  it('refuses a cell over the length cap', () => {
    expect(run(column('text'), text('x'.repeat(11)), 10)).toBe('CELL_TOO_LONG');
    expect(run(column('text'), text('x'.repeat(10)), 10)).toBe('x'.repeat(10));
  });
});

describe('plainNumber', () => {
  it.each<[number, string]>([
    [0, '0'],
    [-0, '0'],
    [-12.5, '-12.5'],
    [123456789012345, '123456789012345'],
    [1230000000000000000, '1230000000000000000'],
    [12.345000000000001, '12.345'],
  ])('%d → %s', (n, expected) => {
    expect(plainNumber(n)).toEqual({ ok: true, value: expected });
  });
});
