/**
 * The month-import template for one enterprise: xlsx with the data sheet (header, text-formatted
 * code and text columns, drop-down lists) and an instructions sheet listing the valid fuel ids,
 * process materials, gases, the enterprise's registered products, the units of each line type and
 * example rows; or csv (UTF-8 with BOM), the header only — a csv cannot carry instructions, and
 * example rows in it would be imported by whoever forgot to delete them.
 *
 * @example
 * const { bytes, fileName } = await monthImportTemplate({ format: 'xlsx', enterpriseId: 'ent-001', choices, exampleMonth: '2024-05' });
 */
import { templateXlsx, writeCsv } from '../../../spreadsheets/index.ts';
import type { ImportChoices, NamedChoice } from './import-choices.ts';
import { monthImportColumns, unitsOf } from './month-import-columns.ts';

export const spreadsheetContentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

const listed = (choices: readonly NamedChoice[], withUnit: boolean): string =>
  choices.map((c) => `${c.id}${c.nameZh ? ` ${c.nameZh}` : ''}${withUnit ? ` (${c.unit})` : ''}`).join('；');

function instructions(choices: ImportChoices): { zh: string[]; en: string[] } {
  const u = (list: readonly string[]) => list.join(' / ');
  const products = choices.products.length ? listed(choices.products, true) : '';
  return {
    zh: [
      '每行一条数据：一种燃料、一种工业过程物料、熟料、一种温室气体、外购/输出/绿色电力、外购/输出热力、一种产品的产量，或当月的工业总产值、工业增加值。同一月份可以有多行。',
      '月份格式为 2024-01。每个月至少要有一行能源或排放数据（燃料、电力、热力等）。',
      '「数量」只填数字，不带单位和千分位以外的符号；单位填在「单位」列。',
      `各类别的单位：燃料（固体、液体）${u(unitsOf.fuelSolid)}，燃料（气体）${u(unitsOf.fuelGas)}；工业过程、温室气体直接排放 ${u(unitsOf.process)}；熟料 ${u(unitsOf.clinker)}（不填为 t，须填 CaO、MgO 含量）；电力 ${u(unitsOf.electricity_purchased)}；热力 ${u(unitsOf.heat_purchased)}；产品产量按产品登记的单位（可不填）。`,
      '工业总产值、工业增加值：「类别」选工业总产值或工业增加值，「数量」填金额，单位为万元，最多 2 位小数；每月各一行。工业总产值不能为负数。',
      `燃料（「品种」填代码或中文名称，缺省因子取自 ${choices.fuelFactorSet}）：${listed(choices.fuels, true)}。`,
      `工业过程物料（单位 t 或 kg）：${listed(choices.processMaterials, false)}。`,
      `温室气体直接排放（「品种」填气体）：${choices.gases.join('、')}。`,
      products ? `本企业登记的产品（「品种」填产品代码或名称）：${products}。` : '本企业尚未登记产品，请不要填写产品产量行（产品由发展改革委在企业名录中登记）。',
      '燃料的低位发热量、单位热值含碳量、碳氧化率有实测值时填写，不填则使用缺省值。',
      '已有数据的月份：默认整份文件不导入；如需更正，导入时选择“更正已有月份”（supersede），将生成新的版本，历史版本保留。',
      '整份文件要么全部导入，要么全部不导入。有错误时，可在任务列表下载逐行错误报告，修改后重新导入。',
    ],
    en: [
      'One line per row: a fuel, a process material, clinker, a greenhouse gas, purchased/exported/green electricity, purchased/exported heat, a product’s output, or the month’s output value or value added. A month may have many rows.',
      'Months as 2024-01. Every month needs at least one energy or emission line (fuel, electricity, heat, …).',
      'Quantity: a plain number, without units; the unit goes in the Unit column.',
      `Units: fuels (solid, liquid) ${u(unitsOf.fuelSolid)}, fuels (gaseous) ${u(unitsOf.fuelGas)}; process materials and direct GHG ${u(unitsOf.process)}; clinker ${u(unitsOf.clinker)} (default t; CaO and MgO fractions required); electricity ${u(unitsOf.electricity_purchased)}; heat ${u(unitsOf.heat_purchased)}; production in the product’s registered unit (may be left empty).`,
      'Output value and value added: choose the type, put the amount in Quantity, in 10^4 CNY (万元) with at most 2 decimals; one row each per month. Output value must not be negative.',
      `Fuels (Item: the id or the Chinese name; default factors from ${choices.fuelFactorSet}): ${choices.fuels.map((f) => `${f.id} (${f.unit})`).join(', ')}.`,
      `Process materials (t or kg): ${choices.processMaterials.map((p) => p.id).join(', ')}.`,
      `Direct GHG (Item: the gas): ${choices.gases.join(', ')}.`,
      choices.products.length
        ? `The enterprise’s registered products (Item: the product id or name): ${choices.products.map((p) => `${p.id} (${p.unit})`).join(', ')}.`
        : 'The enterprise has no registered products: leave out production rows (the development & reform commission registers products).',
      'Fuels: fill in the NCV, carbon content and oxidation rate when measured; empty cells take the defaults.',
      'Months that already have data: by default the whole file is refused; to correct them, import with "supersede": a new revision is written and the history kept.',
      'The file is imported whole or not at all. When rows are wrong, download the row-by-row report from the jobs page, fix them and import again.',
    ],
  };
}

function exampleRows(options: { choices: ImportChoices; month: string }): Record<string, string>[] {
  const { choices, month } = options;
  const fuel = (id: string) => choices.fuels.find((f) => f.id === id);
  const product = choices.products[0];
  return [
    ...(fuel('raw_coal') ? [{ month, type: 'fuel', item: 'raw_coal', quantity: '800', unit: 't', use: 'combustion' }] : []),
    ...(fuel('diesel') ? [{ month, type: 'fuel', item: 'diesel', quantity: '40', unit: 't' }] : []),
    ...(fuel('natural_gas') ? [{ month, type: 'fuel', item: 'natural_gas', quantity: '12.5', unit: '10^4 Nm3', ncvGjPerUnit: '389.31' }] : []),
    { month, type: 'electricity_purchased', quantity: '1000000', unit: 'kWh' },
    ...(product ? [{ month, type: 'production', item: product.id, quantity: '1000', unit: product.unit }] : []),
    { month, type: 'output_value', quantity: '5200.00', unit: '万元' },
    { month, type: 'value_added', quantity: '1850.50', unit: '万元' },
  ];
}

export async function monthImportTemplate(options: {
  format: 'xlsx' | 'csv';
  enterpriseId: string;
  choices: ImportChoices;
  /** The month the example rows use (the last complete month). */
  exampleMonth: string;
}): Promise<{ bytes: Uint8Array; fileName: string; contentType: string }> {
  const fileName = `月度数据导入模板-${options.enterpriseId}.${options.format}`;
  if (options.format === 'csv') return { bytes: writeCsv({ columns: monthImportColumns, rows: [] }), fileName, contentType: spreadsheetContentTypes.csv };
  const text = instructions(options.choices);
  const bytes = await templateXlsx({
    columns: monthImportColumns,
    exampleRows: exampleRows({ choices: options.choices, month: options.exampleMonth }),
    instructionsZh: text.zh,
    instructionsEn: text.en,
  });
  return { bytes, fileName, contentType: spreadsheetContentTypes.xlsx };
}
