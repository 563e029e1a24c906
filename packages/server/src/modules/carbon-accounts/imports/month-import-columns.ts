/**
 * The columns of a month import — a "long" layout, one row per line: an activity line (in the
 * accounting engine's shapes), a product's output, or a month's output value or value added.
 * The same list drives the template, the reader and the error report's column names.
 *
 * Which columns a line type uses (`lineFields`) and which units it takes (`unitsOf`) are stated
 * here once, for the template's instructions and for the row checks.
 */
import type { ColumnSpec } from '../../../spreadsheets/index.ts';

export const lineTypes = [
  'fuel',
  'process',
  'clinker',
  'direct_gas',
  'electricity_purchased',
  'electricity_exported',
  'electricity_green',
  'heat_purchased',
  'heat_exported',
  'production',
  'output_value',
  'value_added',
] as const;
export type LineType = (typeof lineTypes)[number];

/** Line types that are engine activities (the rest are production and the month's values). */
export const activityTypes: readonly LineType[] = lineTypes.filter((t) => t !== 'production' && t !== 'output_value' && t !== 'value_added');

export const lineTypeLabels: Readonly<Record<LineType, { zh: string; en: string }>> = {
  fuel: { zh: '燃料', en: 'Fuel' },
  process: { zh: '工业过程', en: 'Process material' },
  clinker: { zh: '熟料', en: 'Clinker' },
  direct_gas: { zh: '温室气体直接排放', en: 'Direct GHG' },
  electricity_purchased: { zh: '外购电力', en: 'Purchased electricity' },
  electricity_exported: { zh: '输出电力', en: 'Exported electricity' },
  electricity_green: { zh: '绿色电力', en: 'Green electricity' },
  heat_purchased: { zh: '外购热力', en: 'Purchased heat' },
  heat_exported: { zh: '输出热力', en: 'Exported heat' },
  production: { zh: '产品产量', en: 'Production' },
  output_value: { zh: '工业总产值', en: 'Output value' },
  value_added: { zh: '工业增加值', en: 'Value added' },
};

/** Decimal places the engine accepts in a quantity or factor. */
const ENGINE_DECIMALS = 12;

export const monthImportColumns: readonly ColumnSpec[] = [
  { key: 'month', labelZh: '月份', labelEn: 'Month', kind: 'month', required: true, example: '2024-01' },
  {
    key: 'type',
    labelZh: '类别',
    labelEn: 'Type',
    kind: 'enum',
    required: true,
    values: lineTypes,
    valueLabels: lineTypeLabels,
    width: 18,
    noteZh: '燃料、工业过程、熟料、温室气体直接排放、外购/输出/绿色电力、外购/输出热力、产品产量、工业总产值、工业增加值',
    noteEn: 'Fuel, process material, clinker, direct GHG, purchased/exported/green electricity, purchased/exported heat, production, output value, value added',
  },
  {
    key: 'item',
    labelZh: '品种',
    labelEn: 'Item',
    kind: 'text',
    width: 20,
    example: 'raw_coal',
    noteZh: '燃料代码、工业过程物料代码、气体（CO2/CH4/N2O）或产品代码，也可填中文名称；电力、热力、熟料、产值行不填',
    noteEn: 'Fuel id, process material id, gas (CO2/CH4/N2O) or product id, or its Chinese name; empty for electricity, heat, clinker and value rows',
  },
  {
    key: 'quantity',
    labelZh: '数量',
    labelEn: 'Quantity',
    kind: 'decimal',
    required: true,
    maxDecimals: ENGINE_DECIMALS,
    example: '800',
    noteZh: '工业总产值、工业增加值填金额（万元，最多 2 位小数）',
    noteEn: 'For output value and value added: the amount in 10^4 CNY (万元), at most 2 decimals',
  },
  { key: 'unit', labelZh: '单位', labelEn: 'Unit', kind: 'text', example: 't', noteZh: '见填写说明中各类别的单位', noteEn: 'See the units per type in the instructions' },
  {
    key: 'use',
    labelZh: '用途',
    labelEn: 'Use',
    kind: 'enum',
    values: ['combustion', 'feedstock'],
    valueLabels: { combustion: { zh: '燃烧', en: 'Combustion' }, feedstock: { zh: '原料', en: 'Feedstock' } },
    noteZh: '仅燃料行：燃烧（默认）或原料',
    noteEn: 'Fuel rows only: combustion (default) or feedstock',
  },
  {
    key: 'ncvGjPerUnit',
    labelZh: '低位发热量',
    labelEn: 'NCV',
    kind: 'decimal',
    maxDecimals: ENGINE_DECIMALS,
    noteZh: '实测值，GJ/吨或 GJ/万Nm3；不填用缺省值',
    noteEn: 'Measured, GJ per t or per 10^4 Nm3; empty: the default',
  },
  {
    key: 'carbonContentTcPerGj',
    labelZh: '单位热值含碳量',
    labelEn: 'Carbon content',
    kind: 'decimal',
    maxDecimals: ENGINE_DECIMALS,
    noteZh: '实测值，tC/GJ',
    noteEn: 'Measured, tC/GJ',
  },
  { key: 'oxidationRate', labelZh: '碳氧化率', labelEn: 'Oxidation rate', kind: 'decimal', maxDecimals: ENGINE_DECIMALS, noteZh: '实测值，0–1', noteEn: 'Measured, 0–1' },
  {
    key: 'caoFraction',
    labelZh: 'CaO含量',
    labelEn: 'CaO fraction',
    kind: 'decimal',
    maxDecimals: ENGINE_DECIMALS,
    noteZh: '熟料行必填，0–1',
    noteEn: 'Clinker rows, required, 0–1',
  },
  {
    key: 'mgoFraction',
    labelZh: 'MgO含量',
    labelEn: 'MgO fraction',
    kind: 'decimal',
    maxDecimals: ENGINE_DECIMALS,
    noteZh: '熟料行必填，0–1',
    noteEn: 'Clinker rows, required, 0–1',
  },
  {
    key: 'unitEnergyConsumption',
    labelZh: '单位产品能耗',
    labelEn: 'Unit energy consumption',
    kind: 'decimal',
    maxDecimals: ENGINE_DECIMALS,
    noteZh: '仅产品产量行，按限额标准的单位（如 kgce/t）',
    noteEn: 'Production rows only, in the limit standard’s unit (e.g. kgce/t)',
  },
  { key: 'note', labelZh: '备注', labelEn: 'Note', kind: 'text' },
];

export type FieldKey = 'item' | 'use' | 'ncvGjPerUnit' | 'carbonContentTcPerGj' | 'oxidationRate' | 'caoFraction' | 'mgoFraction' | 'unitEnergyConsumption';

/** Per line type: the optional columns it uses (`required` ones must be filled); any other optional column must stay empty. */
export const lineFields: Readonly<Record<LineType, { required: readonly FieldKey[]; optional: readonly FieldKey[]; unitRequired: boolean }>> = {
  fuel: { required: ['item'], optional: ['use', 'ncvGjPerUnit', 'carbonContentTcPerGj', 'oxidationRate'], unitRequired: true },
  process: { required: ['item'], optional: [], unitRequired: true },
  clinker: { required: ['caoFraction', 'mgoFraction'], optional: [], unitRequired: false },
  direct_gas: { required: ['item'], optional: [], unitRequired: true },
  electricity_purchased: { required: [], optional: [], unitRequired: true },
  electricity_exported: { required: [], optional: [], unitRequired: true },
  electricity_green: { required: [], optional: [], unitRequired: true },
  heat_purchased: { required: [], optional: [], unitRequired: true },
  heat_exported: { required: [], optional: [], unitRequired: true },
  production: { required: ['item'], optional: ['unitEnergyConsumption'], unitRequired: false },
  output_value: { required: [], optional: [], unitRequired: false },
  value_added: { required: [], optional: [], unitRequired: false },
};

export const fieldKeys: readonly FieldKey[] = ['item', 'use', 'ncvGjPerUnit', 'carbonContentTcPerGj', 'oxidationRate', 'caoFraction', 'mgoFraction', 'unitEnergyConsumption'];

/** The units each activity type takes, as the engine spells them. Fuels: per the fuel's row (t or 10^4 Nm3). */
export const unitsOf = {
  fuelSolid: ['t', 'kg'],
  fuelGas: ['10^4 Nm3', 'Nm3', 'm3@20C'],
  process: ['t', 'kg'],
  clinker: ['t', 'kg'],
  direct_gas: ['t', 'kg'],
  electricity_purchased: ['MWh', 'kWh'],
  electricity_exported: ['MWh', 'kWh'],
  electricity_green: ['MWh', 'kWh'],
  heat_purchased: ['GJ', 'MJ'],
  heat_exported: ['GJ', 'MJ'],
  output_value: ['万元'],
  value_added: ['万元'],
} as const satisfies Record<string, readonly string[]>;

/** Units as people type them → the engine's spelling. Unknown text is passed on (the engine names the allowed units). */
const unitAliases: Readonly<Record<string, string>> = {
  t: 't',
  吨: 't',
  kg: 'kg',
  千克: 'kg',
  公斤: 'kg',
  '10^4nm3': '10^4 Nm3',
  万nm3: '10^4 Nm3',
  万标立方米: '10^4 Nm3',
  万立方米: '10^4 Nm3',
  nm3: 'Nm3',
  标立方米: 'Nm3',
  'm3@20c': 'm3@20C',
  mwh: 'MWh',
  兆瓦时: 'MWh',
  kwh: 'kWh',
  千瓦时: 'kWh',
  度: 'kWh',
  gj: 'GJ',
  吉焦: 'GJ',
  mj: 'MJ',
  兆焦: 'MJ',
  万元: '万元',
  '10^4cny': '万元',
};

export function canonicalUnit(text: string): string {
  const folded = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return unitAliases[folded] ?? text.trim();
}

export function columnOf(key: string): ColumnSpec | undefined {
  return monthImportColumns.find((c) => c.key === key);
}
