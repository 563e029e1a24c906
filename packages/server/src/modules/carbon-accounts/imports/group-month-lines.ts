/**
 * The rows of a month import (already read and normalised by `readSheet`) grouped into months:
 * activity lines become the accounting engine's activity objects, production rows the month's
 * production, output value and value added rows the month's values. Every row is checked — the
 * columns its type needs or must leave empty, its unit, its item, and each activity on its own
 * through the engine (so that every bad line is found, not only the first of a month) — and each
 * line keeps the row it came from, so that a later refusal (`months.<i>.activities.<j>`) points at
 * the row again.
 *
 * No I/O: the caller passes the reference library and the enterprise's choices.
 *
 * @example
 * const { months, errors } = groupMonthLines({ rows: sheet.rows, choices, library, sheetHadErrors: sheet.errorCount > 0 });
 */
import { AccountingInputError, computeEmissions, type AccountingInputErrorCode, type ReferenceLibrary } from '@cfp/domain';
import { monthInputSchema, type MonthImportReportRow } from '@cfp/contracts';
import type { SheetRowValues } from '../../../spreadsheets/index.ts';
import type { MonthBatchItem } from '../account-service.ts';
import { resolveItem, type ImportChoices } from './import-choices.ts';
import { importRowError, rowError } from './import-report.ts';
import { activityTypes, canonicalUnit, fieldKeys, lineFields, lineTypeLabels, type FieldKey, type LineType } from './month-import-columns.ts';

/** One month of the file, each line with its row. */
export interface MonthDraft {
  month: string;
  /** The month's first row in the file. */
  firstRow: number;
  activities: { row: number; activity: Record<string, unknown> }[];
  production: { row: number; entry: { productId: string; output: string; unitEnergyConsumption?: string } }[];
  outputValue?: { row: number; value: string };
  valueAdded?: { row: number; value: string };
  notes: string[];
}

const engineMessagesZh: Readonly<Record<AccountingInputErrorCode, string>> = {
  empty_activities: '没有活动数据',
  invalid_activity: '数据格式不正确',
  unknown_type: '类别或用途不正确',
  unknown_reference: '未知的品种（请使用填写说明中列出的代码或名称）',
  unknown_unit: '单位不正确',
  invalid_number: '不是有效的数字',
  negative_number: '数值不能为负数',
  too_many_decimals: '小数位数过多',
  fraction_out_of_range: '比例须在 0–1 之间',
  oxide_sum_exceeds_one: 'CaO 与 MgO 含量之和不能超过 1',
  missing_field: '缺少必填项',
};

/** The column an engine refusal is about, from its code and the field its message names. */
function engineColumn(error: AccountingInputError): string {
  switch (error.code) {
    case 'unknown_unit':
      return 'unit';
    case 'unknown_reference':
      return 'item';
    case 'unknown_type':
      return /\buse\b/.test(error.message) ? 'use' : 'type';
    case 'oxide_sum_exceeds_one':
      return 'caoFraction';
    case 'missing_field':
      if (/\b(fuel|material|gas) is required/.test(error.message)) return 'item';
      break;
    default:
      break;
  }
  const named = ['ncvGjPerUnit', 'carbonContentTcPerGj', 'oxidationRate', 'caoFraction', 'mgoFraction', 'quantity'].find((key) => error.message.includes(key));
  return named ?? 'quantity';
}

/** An engine refusal of the activity on `row`, as a report row. */
export function engineRowError(options: { row: number; error: AccountingInputError; values?: Record<string, string | null> }): MonthImportReportRow {
  const { row, error } = options;
  const column = engineColumn(error);
  const en = error.message.replace(/^activity \d+: /, '');
  return rowError({ row, column, code: error.code.toUpperCase(), detail: { zh: `${engineMessagesZh[error.code]}（${en}）`, en }, value: options.values?.[column] ?? undefined });
}

const isNegative = (decimal: string): boolean => decimal.startsWith('-');
const decimalsOf = (decimal: string): number => decimal.split('.')[1]?.length ?? 0;

/** The activity object of an activity line, in the engine's shape. */
function activityOf(type: LineType, values: Record<string, string | null>, item: string | undefined, unit: string | undefined): Record<string, unknown> {
  const optional = (key: FieldKey) => (values[key] === null || values[key] === undefined ? {} : { [key]: values[key] });
  const quantity = values['quantity'];
  switch (type) {
    case 'fuel':
      return { type, fuel: item, quantity, unit, ...optional('use'), ...optional('ncvGjPerUnit'), ...optional('carbonContentTcPerGj'), ...optional('oxidationRate') };
    case 'process':
      return { type, material: item, quantity, unit };
    case 'clinker':
      return { type, quantity, unit: unit ?? 't', ...optional('caoFraction'), ...optional('mgoFraction') };
    case 'direct_gas':
      return { type, gas: item, quantity, unit };
    default:
      return { type, quantity, unit };
  }
}

export function groupMonthLines(options: {
  rows: readonly SheetRowValues[];
  choices: ImportChoices;
  library: ReferenceLibrary;
  /** The reader refused some rows: their month is unknown, so "a month without activity" is not judged. */
  sheetHadErrors: boolean;
}): { months: MonthDraft[]; errors: MonthImportReportRow[] } {
  const { choices, library } = options;
  const errors: MonthImportReportRow[] = [];
  const drafts = new Map<string, MonthDraft>();
  /** Months with an activity row, valid or not: a month whose only activity is wrong is not also "without activity". */
  const monthsWithActivityRows = new Set<string>();

  for (const { rowNumber: row, values } of options.rows) {
    const month = values['month']!;
    const type = values['type'] as LineType;
    const draft = drafts.get(month) ?? { month, firstRow: row, activities: [], production: [], notes: [] };
    drafts.set(month, draft);
    const rowErrors: MonthImportReportRow[] = [];
    const fields = lineFields[type];
    const typeLabel = lineTypeLabels[type];
    if (activityTypes.includes(type)) monthsWithActivityRows.add(month);

    for (const key of fields.required) {
      if (values[key] === null) rowErrors.push(importRowError({ row, column: key, code: 'FIELD_REQUIRED', extra: { zh: typeLabel.zh, en: typeLabel.en } }));
    }
    for (const key of fieldKeys) {
      if (values[key] !== null && !fields.required.includes(key) && !fields.optional.includes(key)) {
        rowErrors.push(importRowError({ row, column: key, code: 'FIELD_NOT_APPLICABLE', value: values[key], extra: { zh: typeLabel.zh, en: typeLabel.en } }));
      }
    }
    const unit = values['unit'] === null ? undefined : canonicalUnit(values['unit']!);
    if (fields.unitRequired && unit === undefined) rowErrors.push(importRowError({ row, column: 'unit', code: 'FIELD_REQUIRED', extra: { zh: typeLabel.zh, en: typeLabel.en } }));
    const quantity = values['quantity']!;
    if (values['note'] !== null && !draft.notes.includes(values['note']!)) draft.notes.push(values['note']!);

    if (type === 'output_value' || type === 'value_added') {
      if (unit !== undefined && unit !== '万元')
        rowErrors.push(importRowError({ row, column: 'unit', code: 'UNIT_MISMATCH', value: values['unit'], extra: { zh: '万元', en: '10^4 CNY (万元)' } }));
      if (decimalsOf(quantity) > 2) rowErrors.push(importRowError({ row, column: 'quantity', code: 'TOO_MANY_DECIMALS', value: quantity }));
      if (type === 'output_value' && isNegative(quantity)) rowErrors.push(importRowError({ row, column: 'quantity', code: 'NEGATIVE_NUMBER', value: quantity }));
      const key = type === 'output_value' ? 'outputValue' : 'valueAdded';
      if (draft[key] !== undefined)
        rowErrors.push(
          importRowError({
            row,
            column: 'type',
            code: 'DUPLICATE_VALUE',
            value: typeLabel.zh,
            extra: { zh: `已在第 ${draft[key].row} 行填写`, en: `already on row ${draft[key].row}` },
          }),
        );
      if (rowErrors.length === 0) draft[key] = { row, value: quantity };
    } else if (type === 'production') {
      const resolved = values['item'] === null ? undefined : resolveItem({ choices, type, text: values['item']! });
      if (resolved && !resolved.ok) rowErrors.push(importRowError({ row, column: 'item', code: 'UNKNOWN_PRODUCT', value: values['item'] }));
      if (resolved?.ok && resolved.choice && unit !== undefined && canonicalUnit(resolved.choice.unit) !== unit) {
        rowErrors.push(importRowError({ row, column: 'unit', code: 'UNIT_MISMATCH', value: values['unit'], extra: { zh: resolved.choice.unit, en: resolved.choice.unit } }));
      }
      if (isNegative(quantity)) rowErrors.push(importRowError({ row, column: 'quantity', code: 'NEGATIVE_NUMBER', value: quantity }));
      const uec = values['unitEnergyConsumption'];
      if (uec !== null && uec !== undefined && isNegative(uec)) rowErrors.push(importRowError({ row, column: 'unitEnergyConsumption', code: 'NEGATIVE_NUMBER', value: uec }));
      const earlier = resolved?.ok ? draft.production.find((p) => p.entry.productId === resolved.id) : undefined;
      if (earlier)
        rowErrors.push(
          importRowError({
            row,
            column: 'item',
            code: 'DUPLICATE_PRODUCT',
            value: values['item'],
            extra: { zh: `已在第 ${earlier.row} 行填写`, en: `already on row ${earlier.row}` },
          }),
        );
      if (rowErrors.length === 0 && resolved?.ok) {
        draft.production.push({ row, entry: { productId: resolved.id, output: quantity, ...(uec === null || uec === undefined ? {} : { unitEnergyConsumption: uec }) } });
      }
    } else {
      const resolved = values['item'] === null ? undefined : resolveItem({ choices, type, text: values['item']! });
      const item = resolved?.ok ? resolved.id : undefined;
      if (rowErrors.length === 0) {
        const activity = activityOf(type, values, item, unit);
        try {
          // Each line on its own: the engine stops at a batch's first bad line.
          computeEmissions({ activities: [activity] }, library);
          draft.activities.push({ row, activity });
        } catch (error) {
          if (!(error instanceof AccountingInputError)) throw error;
          rowErrors.push(engineRowError({ row, error, values }));
        }
      }
    }
    errors.push(...rowErrors);
  }

  const months = [...drafts.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
  for (const draft of months) {
    if (!options.sheetHadErrors && !monthsWithActivityRows.has(draft.month)) {
      errors.push(importRowError({ row: draft.firstRow, column: 'month', code: 'NO_ACTIVITY', value: draft.month }));
    }
  }
  if (errors.length === 0) {
    // The API's own limits (lines per month, sizes of numbers), pointed back at the rows.
    for (const draft of months) {
      const parsed = monthInputSchema.safeParse(toInput(draft));
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) errors.push(issueRowError({ draft, path: issue.path.map(String), message: issue.message, code: issue.code }));
    }
  }
  return { months, errors };
}

function toInput(draft: MonthDraft): Omit<MonthBatchItem, 'month'> {
  return {
    activities: draft.activities.map((a) => a.activity as { type: string }),
    production: draft.production.map((p) => p.entry),
    ...(draft.outputValue ? { outputValue10kCny: draft.outputValue.value } : {}),
    ...(draft.valueAdded ? { valueAdded10kCny: draft.valueAdded.value } : {}),
    ...(draft.notes.length ? { note: draft.notes.join('；').slice(0, 1000) } : {}),
  };
}

/** A contract issue at `path` inside one month, on the row it came from. */
function issueRowError(options: { draft: MonthDraft; path: string[]; message: string; code: string }): MonthImportReportRow {
  const { draft, path } = options;
  const [field, index] = path;
  const at = (list: { row: number }[]) => list[Number(index)]?.row ?? draft.firstRow;
  const row =
    field === 'activities'
      ? at(draft.activities)
      : field === 'production'
        ? at(draft.production)
        : field === 'outputValue10kCny'
          ? (draft.outputValue?.row ?? draft.firstRow)
          : field === 'valueAdded10kCny'
            ? (draft.valueAdded?.row ?? draft.firstRow)
            : draft.firstRow;
  const tooMany = options.code === 'too_big' && index === undefined;
  return importRowError({
    row,
    column: tooMany ? 'month' : 'quantity',
    code: tooMany ? 'TOO_MANY_LINES' : 'INVALID_VALUE',
    value: tooMany ? draft.month : undefined,
    extra: { zh: options.message, en: options.message },
  });
}

/**
 * The batch `submitMonths` takes, and where each of its paths came from: `months.<i>.activities.<j>`
 * → the line's row; `months.<i>.production.<j>…` → the production row; anything else of month i → its first row.
 */
export function toBatch(options: { months: readonly MonthDraft[]; supersedes: ReadonlyMap<string, string> }): {
  batch: MonthBatchItem[];
  rowOfPath: (path: string) => number | null;
  rowOfMonth: (month: string) => number | null;
} {
  const { months } = options;
  const batch = months.map((draft) => {
    const supersedes = options.supersedes.get(draft.month);
    return { month: draft.month, ...toInput(draft), ...(supersedes === undefined ? {} : { supersedes }) };
  });
  const rowOfPath = (path: string): number | null => {
    const [, i, field, j] = path.split('.');
    const draft = months[Number(i)];
    if (!draft) return null;
    if (field === 'activities' && j !== undefined) return draft.activities[Number(j)]?.row ?? draft.firstRow;
    if (field === 'production' && j !== undefined) return draft.production[Number(j)]?.row ?? draft.firstRow;
    return draft.firstRow;
  };
  const rowOfMonth = (month: string): number | null => months.find((m) => m.month === month)?.firstRow ?? null;
  return { batch, rowOfPath, rowOfMonth };
}
