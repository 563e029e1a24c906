import { describe, expect, it } from 'vitest';
import { shippedReferenceLibrary } from '@cfp/domain';
import type { SheetRowValues } from '../../../spreadsheets/index.ts';
import { groupMonthLines, toBatch } from './group-month-lines.ts';
import { importChoices, resolveItem } from './import-choices.ts';
import { monthImportColumns } from './month-import-columns.ts';

const library = shippedReferenceLibrary;
const choices = importChoices({ library, products: [{ productId: 'cement', nameZh: '水泥', unit: 't' }] });

/** Sheet rows from 2 on, every column present (null when not given). */
const rows = (...lines: Record<string, string>[]): SheetRowValues[] =>
  lines.map((values, i) => ({ rowNumber: i + 2, values: Object.fromEntries(monthImportColumns.map((c) => [c.key, values[c.key] ?? null])) }));
const group = (lines: SheetRowValues[], sheetHadErrors = false) => groupMonthLines({ rows: lines, choices, library, sheetHadErrors });
const codes = (result: ReturnType<typeof group>) => result.errors.map((e) => [e.row, e.column, e.code]);

describe('groupMonthLines', () => {
  it('builds engine activities, production and the month’s values, in month order, each line keeping its row', () => {
    const result = group(
      rows(
        { month: '2024-02', type: 'electricity_purchased', quantity: '10', unit: '兆瓦时' },
        { month: '2024-01', type: 'fuel', item: '天然气', quantity: '1.5', unit: '万Nm3', ncvGjPerUnit: '380' },
        { month: '2024-01', type: 'clinker', quantity: '100', caoFraction: '0.65', mgoFraction: '0.02' },
        { month: '2024-01', type: 'production', item: '水泥', quantity: '120', unit: 't', unitEnergyConsumption: '95.5' },
        { month: '2024-01', type: 'value_added', quantity: '-12.5', unit: '万元', note: '亏损月' },
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.months.map((m) => [m.month, m.firstRow])).toEqual([
      ['2024-01', 3],
      ['2024-02', 2],
    ]);
    const [january, february] = result.months;
    expect(january!.activities).toEqual([
      { row: 3, activity: { type: 'fuel', fuel: 'natural_gas', quantity: '1.5', unit: '10^4 Nm3', ncvGjPerUnit: '380' } },
      { row: 4, activity: { type: 'clinker', quantity: '100', unit: 't', caoFraction: '0.65', mgoFraction: '0.02' } },
    ]);
    expect(january!.production).toEqual([{ row: 5, entry: { productId: 'cement', output: '120', unitEnergyConsumption: '95.5' } }]);
    expect(january!.valueAdded).toEqual({ row: 6, value: '-12.5' });
    expect(february!.activities).toEqual([{ row: 2, activity: { type: 'electricity_purchased', quantity: '10', unit: 'MWh' } }]);

    const { batch, rowOfPath, rowOfMonth } = toBatch({ months: result.months, supersedes: new Map([['2024-02', 'sub-1']]) });
    expect(batch[0]).toMatchObject({ month: '2024-01', valueAdded10kCny: '-12.5', note: '亏损月' });
    expect(batch[0]).not.toHaveProperty('supersedes');
    expect(batch[1]).toMatchObject({ month: '2024-02', supersedes: 'sub-1' });
    expect([
      rowOfPath('months.0.activities.1'),
      rowOfPath('months.0.production.0.productId'),
      rowOfPath('months.1.month'),
      rowOfPath('months.7.month'),
      rowOfMonth('2024-02'),
    ]).toEqual([4, 5, 2, null, 2]);
  });

  it('checks what each line type needs and refuses what it does not use', () => {
    const result = group(
      rows(
        { month: '2024-01', type: 'fuel', quantity: '5', unit: 't' },
        { month: '2024-01', type: 'electricity_purchased', quantity: '5' },
        { month: '2024-01', type: 'clinker', quantity: '5', caoFraction: '0.6', use: 'combustion' },
        { month: '2024-01', type: 'heat_purchased', quantity: '5', unit: 'GJ', item: 'steam' },
        { month: '2024-01', type: 'output_value', quantity: '-1' },
        { month: '2024-01', type: 'output_value', quantity: '3', unit: '元' },
        { month: '2024-01', type: 'production', item: 'steel', quantity: '1' },
        { month: '2024-01', type: 'production', item: 'cement', quantity: '1', unit: 'kg' },
        { month: '2024-01', type: 'fuel', item: 'raw_coal', quantity: '1', unit: 't', oxidationRate: '1.5' },
      ),
    );
    expect(codes(result)).toEqual([
      [2, 'item', 'FIELD_REQUIRED'],
      [3, 'unit', 'FIELD_REQUIRED'],
      [4, 'mgoFraction', 'FIELD_REQUIRED'],
      [4, 'use', 'FIELD_NOT_APPLICABLE'],
      [5, 'item', 'FIELD_NOT_APPLICABLE'],
      [6, 'quantity', 'NEGATIVE_NUMBER'],
      [7, 'unit', 'UNIT_MISMATCH'],
      [8, 'item', 'UNKNOWN_PRODUCT'],
      [9, 'unit', 'UNIT_MISMATCH'],
      [10, 'oxidationRate', 'FRACTION_OUT_OF_RANGE'],
    ]);
    expect(result.errors[0]!.message).toEqual({ zh: '第 2 行「品种」：该类别必须填写此列：燃料', en: 'Row 2, "Item": Required for this type: Fuel' });
  });

  it('one value row per month and product; a month needs an activity line — unless the reader refused rows whose month is unknown', () => {
    const lines = rows(
      { month: '2024-03', type: 'electricity_purchased', quantity: '1', unit: 'kWh' },
      { month: '2024-03', type: 'value_added', quantity: '1' },
      { month: '2024-03', type: 'value_added', quantity: '2' },
      { month: '2024-03', type: 'production', item: 'cement', quantity: '1' },
      { month: '2024-03', type: 'production', item: 'cement', quantity: '2' },
      { month: '2024-04', type: 'output_value', quantity: '1' },
    );
    expect(codes(group(lines))).toEqual([
      [4, 'type', 'DUPLICATE_VALUE'],
      [6, 'item', 'DUPLICATE_PRODUCT'],
      [7, 'month', 'NO_ACTIVITY'],
    ]);
    expect(codes(group(lines, true))).toEqual([
      [4, 'type', 'DUPLICATE_VALUE'],
      [6, 'item', 'DUPLICATE_PRODUCT'],
    ]);
  });
});

describe('resolveItem', () => {
  it('takes an id or a Chinese name, in any case and width; unknown fuels pass on for the engine, unknown products do not', () => {
    expect(resolveItem({ choices, type: 'fuel', text: 'RAW_COAL' })).toMatchObject({ ok: true, id: 'raw_coal' });
    expect(resolveItem({ choices, type: 'process', text: '石灰石' })).toMatchObject({ ok: true, id: 'limestone' });
    expect(resolveItem({ choices, type: 'direct_gas', text: 'ｃｈ４' })).toEqual({ ok: true, id: 'CH4' });
    expect(resolveItem({ choices, type: 'fuel', text: 'moon_rock' })).toEqual({ ok: true, id: 'moon_rock' });
    expect(resolveItem({ choices, type: 'production', text: 'steel' })).toEqual({ ok: false });
  });
});
