/**
 * Month imports end to end, in-process: the template (xlsx header and text formats, csv with BOM),
 * a filled template imported as a job and seen as months and accounts; a broken row failing the
 * whole file with a report that names exactly that row (downloadable as xlsx and csv) and nothing
 * written; a GB18030 csv; an existing month refused unless superseded (revision 2); who may import
 * which file. PGlite and PostgreSQL.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountMonth, CarbonAccount, Job, MonthImportReport, Notification, Submission } from '@cfp/contracts';
import { demoIds, sampleFiles } from '@cfp/domain';
import { headerLabel } from '../../../spreadsheets/index.ts';
import { testPlatform, type TestPlatform } from '../../../testing/test-platform.ts';
import { monthImportColumns } from './month-import-columns.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t.close());

const ent1 = demoIds.enterprise1;
const ent2 = demoIds.enterprise2;
type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };
type MonthDetail = { current: Submission | null; history: Submission[] };
const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.db.query<{ n: string }>(sql, params))[0]!.n);
const submissionCount = () => count('select count(*) as n from period_submissions where enterprise_id = $1', [ent1]);

async function download(username: string, path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const response = await t.platform.app.request(path, { headers: { authorization: `Bearer ${await t.tokenFor(username)}` } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Uploads bytes to an enterprise's record; returns the file id. */
async function upload(options: { username?: string; bytes: Uint8Array; name: string; enterpriseId?: string }): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([options.bytes as Uint8Array<ArrayBuffer>]), options.name);
  form.append('attachedToType', 'enterprise');
  form.append('attachedToId', options.enterpriseId ?? ent1);
  const response = await t.platform.app.request('/api/v1/files', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${await t.tokenFor(options.username ?? 'enterprise1')}` },
  });
  const body = (await response.json()) as { id: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

/** Starts an import and waits for its job to finish; returns the job as the enterprise sees it. */
async function importFile(options: { fileId: string; supersede?: boolean; username?: string }): Promise<Job> {
  const started = await t.as(options.username ?? 'enterprise1')<{ jobId: string }>('POST', `/api/v1/enterprises/${ent1}/imports`, {
    body: { fileId: options.fileId, ...(options.supersede === undefined ? {} : { supersede: options.supersede }) },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await t.platform.jobs.idle();
  const job = await t.as('enterprise1')<Job>('GET', `/api/v1/jobs/${started.body.jobId}`);
  expect(job.status).toBe(200);
  return job.body;
}

/** A workbook as another program writes it: the header labels in row 1, the rows below. */
async function xlsxOf(rows: (string | number | Date | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  sheet.addRow(['月份', '类别', '品种', '数量', '单位']);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** GB18030 bytes for ASCII and the two-byte characters GBK has, from the platform's own decoder (no iconv-lite here). */
function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const wanted = new Set([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe && table.size < wanted.size; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      if (wanted.has(ch) && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Uint8Array.from(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) <= 0x7f) return [ch.charCodeAt(0)];
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      return bytes;
    }),
  );
}

const utf8Csv = (lines: string[]): Uint8Array => new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);

describe('the template', () => {
  it('xlsx: the header with both labels, code and text columns formatted as text, instructions listing fuels, 万元 and the enterprise’s registered products', async () => {
    const r = await download('enterprise1', `/api/v1/enterprises/${ent1}/imports/template`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = await loadWorkbook(r.bytes);
    const data = workbook.getWorksheet('数据 (Data)')!;
    const header = (data.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['*月份 (Month)', '*类别 (Type)', '品种 (Item)', '*数量 (Quantity)', '单位 (Unit)']);
    expect(header).toHaveLength(monthImportColumns.length);
    expect(header.at(-1)).toBe('备注 (Note)');
    monthImportColumns.forEach((column, index) => {
      const textual = column.kind === 'text' || column.kind === 'code' || column.kind === 'enum';
      // Both the column style (cells typed later) and the prepared cells.
      expect([column.key, data.getColumn(index + 1).numFmt === '@'], column.key).toEqual([column.key, textual]);
      expect([column.key, data.getCell(2, index + 1).numFmt === '@'], column.key).toEqual([column.key, textual]);
    });
    expect(data.getColumn(1).numFmt).toBe('yyyy-mm');
    expect(data.getCell(2, 2).dataValidation).toMatchObject({ type: 'list' });

    const instructions = workbook.getWorksheet('填写说明 (Instructions)')!;
    const text: string[] = [];
    instructions.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    const all = text.join('\n');
    for (const needle of [
      'raw_coal 原煤 (t)',
      'natural_gas 天然气 (10^4 Nm3)',
      'cn_industry_other_2015@1',
      'caco3 碳酸钙',
      'CH4',
      '万元',
      '最多 2 位小数',
      '本企业登记的产品（「品种」填产品代码或名称）：raw_coal 原煤 (t)',
      '外购电力',
    ]) {
      expect(all, needle).toContain(needle);
    }
    // Example rows carry the enterprise's example month (the month before the test clock's June 2024).
    expect(all).toContain('示例数据');
    expect(text.filter((v) => v === '工业增加值')).not.toHaveLength(0);
  });

  it('csv: UTF-8 with a BOM, the header only', async () => {
    const r = await download('enterprise1', `/api/v1/enterprises/${ent1}/imports/template?format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(r.bytes.subarray(3));
    expect(text).toBe(`${monthImportColumns.map((c) => headerLabel(c)).join(',')}\r\n`);
  });

  it('the commission reads it too; another enterprise and a bank do not', async () => {
    expect((await download('drc', `/api/v1/enterprises/${ent1}/imports/template`)).status).toBe(200);
    expect((await download('enterprise2', `/api/v1/enterprises/${ent1}/imports/template`)).status).toBe(403);
    expect([400, 403]).toContain((await download('bank1', `/api/v1/enterprises/${ent1}/imports/template`)).status);
  });
});

describe('importing', () => {
  it('two months filled into the downloaded template become submissions, months and accounts; the job, the audit trail and the inbox say so', async () => {
    const template = await download('enterprise1', `/api/v1/enterprises/${ent1}/imports/template`);
    const workbook = await loadWorkbook(template.bytes);
    const data = workbook.getWorksheet('数据 (Data)')!;
    const rows: (string | number)[][] = [
      ['2024-01', '燃料', 'raw_coal', 800, 't'],
      ['2024-01', '燃料', '柴油', 40, '吨'],
      ['2024-01', '外购电力', '', 1000000, 'kWh'],
      ['2024-01', '产品产量', '原煤', 50000, ''],
      ['2024-01', '工业总产值', '', 5200, '万元'],
      ['2024-01', '工业增加值', '', 1850.5, '万元'],
      ['2024-02', 'fuel', 'raw_coal', 700, 't'],
      ['2024-02', 'electricity_purchased', '', 900, 'MWh'],
      ['2024-02', '工业总产值', '', '4800.25', ''],
      ['2024-02', '工业增加值', '', '1700', '万元'],
    ];
    rows.forEach((values, r) => values.forEach((value, c) => value !== '' && (data.getCell(r + 2, c + 1).value = value)));
    const fileId = await upload({ bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), name: '2024年1-2月.xlsx' });

    const before = await count(`select count(*) as n from audit_entries where action = 'enterprises.months.import'`);
    const job = await importFile({ fileId });
    expect(job, JSON.stringify(job)).toMatchObject({
      kind: 'month-import',
      status: 'succeeded',
      progress: 100,
      error: null,
      result: { months: ['2024-01', '2024-02'], submissions: 2, rows: 10 },
    });

    const months = await t.as('enterprise1')<{ items: AccountMonth[] }>('GET', `/api/v1/enterprises/${ent1}/months`);
    expect(months.body.items.map((m) => m.month)).toEqual(['2024-02', '2024-01']);
    // 1,000,000 kWh and 900 MWh on the Shandong grid factor (0.641 tCO2/MWh).
    expect(months.body.items.map((m) => m.scope2Tco2e)).toEqual(['576.900', '641.000']);
    expect(months.body.items[1]!.lines).toHaveLength(3);

    const january = await t.as('enterprise1')<MonthDetail>('GET', `/api/v1/enterprises/${ent1}/months/2024-01`);
    expect(january.body.current).toMatchObject({ revision: 1, channel: 'import', fileId, outputValue10kCny: '5200.00', valueAdded10kCny: '1850.50' });
    expect(january.body.current!.activities[1]).toMatchObject({ type: 'fuel', fuel: 'diesel', quantity: '40', unit: 't' });
    expect(january.body.current!.production).toMatchObject([{ productId: 'raw_coal', output: '50000', unit: 't' }]);
    const february = await t.as('enterprise1')<MonthDetail>('GET', `/api/v1/enterprises/${ent1}/months/2024-02`);
    expect(february.body.current).toMatchObject({ outputValue10kCny: '4800.25', valueAdded10kCny: '1700.00' });
    expect(await count('select count(*) as n from period_submissions where import_job_id = $1', [job.id])).toBe(2);

    const account = await t.as('enterprise1')<CarbonAccount>('GET', `/api/v1/enterprises/${ent1}/accounts/2024-01`);
    expect(account.status).toBe(200);
    expect(account.body.energyTce).not.toBe('0');

    expect(await count(`select count(*) as n from audit_entries where action = 'enterprises.months.import'`)).toBe(before + 1);
    const inbox = await t.as('enterprise1')<{ items: Notification[] }>('GET', '/api/v1/notifications');
    expect(inbox.body.items.find((n) => n.type === 'month_import.succeeded')).toMatchObject({ link: '/jobs' });
    // The job is the enterprise's: another enterprise does not see it.
    expect((await t.as('enterprise2')('GET', `/api/v1/jobs/${job.id}`)).status).toBe(404);
  });

  it.each([
    { why: 'a negative quantity', cell: -5, item: 'raw_coal', code: 'NEGATIVE_NUMBER', column: 'quantity', value: '-5' },
    { why: 'an unknown fuel', cell: 100, item: 'moon_rock', code: 'UNKNOWN_REFERENCE', column: 'item', value: 'moon_rock' },
  ])(
    'one broken row in the middle ($why) fails the whole file with IMPORT_INVALID and a report naming exactly that row; nothing is written',
    async ({ cell, item, code, column, value }) => {
      const bytes = await xlsxOf([
        ['2024-03', '燃料', 'raw_coal', 500, 't'],
        ['2024-03', '外购电力', null, 2000, 'kWh'],
        ['2024-04', '燃料', item, cell, 't'],
        ['2024-04', '外购电力', null, 3000, 'kWh'],
        ['2024-04', '工业增加值', null, 100, '万元'],
      ]);
      const fileId = await upload({ bytes, name: 'broken.xlsx' });
      const submissionsBefore = await submissionCount();
      const job = await importFile({ fileId });
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('IMPORT_INVALID');
      const report = job.result as MonthImportReport;
      expect(report.rows).toHaveLength(1);
      expect(report.rows[0]).toMatchObject({ row: 4, column, code, value });
      expect(report.rows[0]!.message.zh).toContain('第 4 行');
      expect(report.summary).toMatchObject({ dataRows: 5, rowsWithErrors: 1, errors: 1 });
      expect(await submissionCount()).toBe(submissionsBefore);
      const months = await t.as('enterprise1')<{ items: AccountMonth[] }>('GET', `/api/v1/enterprises/${ent1}/months`);
      expect(months.body.items.map((m) => m.month)).not.toContain('2024-03');

      const xlsx = await download('enterprise1', `/api/v1/jobs/${job.id}/import-report`);
      expect(xlsx.status).toBe(200);
      const sheet = (await loadWorkbook(xlsx.bytes)).worksheets[0]!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const headerIndex = rows.findIndex((r) => r[0] === '行号 (Row)');
      expect(rows[headerIndex]).toEqual(['行号 (Row)', '列 (Column)', '错误 (Error (zh))', 'Error (en)', '错误代码 (Code)', '值 (Value)']);
      expect(rows.slice(headerIndex + 1)).toHaveLength(1);
      expect(rows[headerIndex + 1]!.slice(0, 1)).toEqual([4]);
      expect(rows[headerIndex + 1]![4]).toBe(code);

      const csv = await download('enterprise1', `/api/v1/jobs/${job.id}/import-report?format=csv`);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(csv.bytes)).toContain(`4,`);
      expect((await download('enterprise2', `/api/v1/jobs/${job.id}/import-report`)).status).toBe(404);

      const inbox = await t.as('enterprise1')<{ items: Notification[] }>('GET', '/api/v1/notifications');
      expect(inbox.body.items.find((n) => n.type === 'month_import.failed')).toMatchObject({ link: '/jobs' });
    },
  );

  it('every problem of a file is reported at once: the reader’s, the row checks’ and the engine’s, each on its row', async () => {
    const bytes = await xlsxOf([
      ['2024-07', '燃料', 'raw_coal', 500, 't'],
      ['2024-13', '燃料', 'raw_coal', 500, 't'],
      ['2024-07', '外购电力', 'grid', 2000, 'kWh'],
      ['2024-07', '产品产量', 'coal', 10, 't'],
      ['2024-07', '燃料', 'diesel', 5, 'litre'],
      ['2024-07', '工业增加值', null, '10.555', '万元'],
      ['2024-07', '工业增加值', null, 10, '万元'],
    ]);
    const job = await importFile({ fileId: await upload({ bytes, name: 'many.xlsx' }) });
    expect(job.error?.code).toBe('IMPORT_INVALID');
    const report = job.result as MonthImportReport;
    expect(report.rows.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, 'month', 'INVALID_MONTH'],
      [4, 'item', 'FIELD_NOT_APPLICABLE'],
      [5, 'item', 'UNKNOWN_PRODUCT'],
      [6, 'unit', 'UNKNOWN_UNIT'],
      [7, 'quantity', 'TOO_MANY_DECIMALS'],
    ]);
    expect(report.summary.rowsWithErrors).toBe(5);
  });

  it('a file the reader refuses as a whole (a required column missing) fails IMPORT_INVALID with a file-level report', async () => {
    const job = await importFile({ fileId: await upload({ bytes: utf8Csv(['月份,类别,品种', '2024-08,燃料,raw_coal']), name: 'short.csv' }) });
    expect(job.error?.code).toBe('IMPORT_INVALID');
    expect((job.result as MonthImportReport).rows).toMatchObject([{ row: null, code: 'MISSING_COLUMNS' }]);
  });

  it('a csv in GB18030 (Excel on Chinese Windows) with Chinese labels, names and units imports', async () => {
    const bytes = gb18030(['月份,类别,品种,数量,单位', '2024-05,燃料,原煤,600,吨', '2024-05,外购电力,,500000,千瓦时', '2024-05,工业增加值,,900.5,万元', ''].join('\r\n'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const fileId = await upload({ bytes, name: '五月.csv' });
    expect((await t.as('enterprise1')<{ charset: string }>('GET', `/api/v1/files/${fileId}`)).body.charset).toBe('gb18030');
    const job = await importFile({ fileId });
    expect(job, JSON.stringify(job.result)).toMatchObject({ status: 'succeeded', result: { months: ['2024-05'], submissions: 1 } });
    const may = await t.as('enterprise1')<MonthDetail>('GET', `/api/v1/enterprises/${ent1}/months/2024-05`);
    expect(may.body.current).toMatchObject({
      channel: 'import',
      valueAdded10kCny: '900.50',
      activities: [
        { fuel: 'raw_coal', unit: 't' },
        { unit: 'kWh', quantity: '500000' },
      ],
    });
  });

  it('a month that already has data fails the import (PERIOD_EXISTS on its row) unless supersede is true, which writes revision 2', async () => {
    const lines = ['月份,类别,品种,数量,单位', '2024-06,燃料,raw_coal,300,t', '2024-06,外购电力,,1000,MWh'];
    const first = await importFile({ fileId: await upload({ bytes: utf8Csv(lines), name: 'june.csv' }) });
    expect(first.status).toBe('succeeded');
    const original = (await t.as('enterprise1')<MonthDetail>('GET', `/api/v1/enterprises/${ent1}/months/2024-06`)).body.current!;

    const corrected = await upload({ bytes: utf8Csv([...lines.slice(0, 2), '2024-06,外购电力,,1100,MWh']), name: 'june-corrected.csv' });
    const refused = await importFile({ fileId: corrected });
    expect(refused.error?.code).toBe('IMPORT_INVALID');
    expect((refused.result as MonthImportReport).rows).toMatchObject([{ row: 2, column: 'month', code: 'PERIOD_EXISTS', value: '2024-06' }]);
    expect((await t.as('enterprise1')<MonthDetail>('GET', `/api/v1/enterprises/${ent1}/months/2024-06`)).body.history).toHaveLength(1);

    const superseded = await importFile({ fileId: corrected, supersede: true });
    expect(superseded.status).toBe('succeeded');
    const june = (await t.as('enterprise1')<MonthDetail>('GET', `/api/v1/enterprises/${ent1}/months/2024-06`)).body;
    expect(june.current).toMatchObject({ revision: 2, supersedesId: original.id, channel: 'import' });
    expect(june.history).toHaveLength(2);
    const months = await t.as('enterprise1')<{ items: AccountMonth[] }>('GET', `/api/v1/enterprises/${ent1}/months`);
    expect(months.body.items.find((m) => m.month === '2024-06')?.scope2Tco2e).toBe('705.100');
  });
});

describe('who may import which file', () => {
  it('only the enterprise imports its own files: another enterprise, another record’s file, an unknown file and a pdf are refused; no job is queued', async () => {
    const jobsBefore = await count(`select count(*) as n from jobs where kind = 'month-import'`);
    const ent1File = await upload({ bytes: utf8Csv(['月份,类别,品种,数量,单位', '2024-09,外购电力,,10,MWh']), name: 'sept.csv' });
    const ent2File = await upload({ username: 'enterprise2', enterpriseId: ent2, bytes: utf8Csv(['月份,类别,品种,数量,单位', '2024-09,外购电力,,10,MWh']), name: 'sept.csv' });
    const pdf = await upload({ bytes: sampleFiles.pdf(), name: 'report.pdf' });

    const as = (username: string, enterpriseId: string, body: unknown) => t.as(username)<ErrorBody>('POST', `/api/v1/enterprises/${enterpriseId}/imports`, { body });
    expect((await as('enterprise2', ent1, { fileId: ent1File })).status).toBe(403);
    expect((await as('bank1', ent1, { fileId: ent1File })).status).toBe(403);
    expect((await as('enterprise2', ent2, { fileId: ent1File })).status).toBe(404);
    expect((await as('enterprise1', ent1, { fileId: ent2File })).status).toBe(404);
    expect((await as('enterprise1', ent1, { fileId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const wrongType = await as('enterprise1', ent1, { fileId: pdf });
    expect([wrongType.status, wrongType.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect((await as('enterprise1', ent1, { fileId: 'not-a-uuid' })).body.error.code).toBe('VALIDATION_FAILED');
    expect(await count(`select count(*) as n from jobs where kind = 'month-import'`)).toBe(jobsBefore);

    // The platform administrator may import for the enterprise; the job stays the enterprise's.
    const started = await t.api<{ jobId: string }>('POST', `/api/v1/enterprises/${ent1}/imports`, { body: { fileId: ent1File } });
    expect(started.status).toBe(202);
    await t.platform.jobs.idle();
    expect((await t.as('enterprise1')<Job>('GET', `/api/v1/jobs/${started.body.jobId}`)).body.status).toBe('succeeded');
  });
});
