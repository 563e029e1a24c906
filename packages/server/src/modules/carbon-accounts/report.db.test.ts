/**
 * The enterprise carbon account report through the API: a bank reads it only under a consent
 * covering carbon_account data and stating the purpose; the JSON carries the accounts API's
 * figures; the PDF embeds the CJK font and extracts (with a real PDF reader) to the enterprise's
 * name and the viewer's watermark; every open shows in the enterprise's read log and the audit
 * chain; the enterprise opens its own report without a purpose. And the data versions.
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds, monthsBetween, shippedReferenceLibrary } from '@cfp/domain';
import type { CarbonAccount, DataVersion, Enterprise, EnterpriseLabel, EnterpriseReport, Submission } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { pdfText } from '../../testing/pdf-text.ts';
import { carbonAccountService } from './account-service.ts';
import { demoEnterprises, demoMonthInput } from './demo-seed.ts';

let t: TestPlatform;
const ent2 = demoIds.enterprise2;
type ErrorBody = { error?: { code: string } };
type ConsentReadPage = { items: { readerOrganisationId: string; dataScope: string; purpose: string; resource: string | null }[] };

/** The raw bytes of a response (the test helper decodes bodies as text). */
async function bytesOf(username: string, path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await t.platform.app.request(path, { headers: { authorization: `Bearer ${await t.tokenFor(username)}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

beforeAll(async () => {
  t = await testPlatform();
  // Two years of demo data for enterprise2 and a few peers, and the 2023 official labels published.
  const service = carbonAccountService(t.platform);
  const chosen = [
    demoEnterprises().find((e) => e.id === ent2)!,
    ...demoEnterprises()
      .filter((e) => e.id !== ent2)
      .slice(0, 3),
  ];
  for (const e of chosen) {
    await t.db.inTransaction(() =>
      service.submitMonths({
        enterpriseId: e.id,
        channel: 'demo',
        submittedBy: null,
        library: shippedReferenceLibrary,
        months: monthsBetween('2023-01', '2024-12').map((month) => demoMonthInput(e, month)),
      }),
    );
  }
  expect((await t.as('drc')('POST', '/api/v1/labels/drafts', { body: { year: 2023 } })).status).toBe(200);
  expect((await t.as('drc')('POST', '/api/v1/labels/publications', { body: { year: 2023 } })).status).toBe(201);
}, 180_000);
afterAll(() => t.close());

describe('who opens the report', () => {
  it('a bank without a consent is refused (JSON and PDF), a county outside its area sees nothing', async () => {
    const json = await t.as('bank1')<ErrorBody>('GET', `/api/v1/enterprises/${ent2}/report?purpose=pre_loan`);
    expect(json.status).toBe(403);
    expect(json.body.error?.code).toBe('CONSENT_REQUIRED');
    expect((await bytesOf('bank1', `/api/v1/enterprises/${ent2}/report.pdf?purpose=pre_loan`)).status).toBe(403);
    const entry = (await t.as('drc')<Enterprise>('GET', `/api/v1/enterprises/${ent2}`)).body;
    expect(entry.areaId).toBe('zoucheng');
    const elsewhere = demoEnterprises().find((e) => e.areaId !== 'zoucheng')!;
    expect((await t.as('zoucheng')('GET', `/api/v1/enterprises/${elsewhere.id}/report`)).status).toBe(404);
    // Its own county reads it without a purpose (no consent needed, no read logged).
    expect((await t.as('zoucheng')<EnterpriseReport>('GET', `/api/v1/enterprises/${ent2}/report`)).body.viewer).toMatchObject({ basis: 'government', purpose: null });
    expect((await t.as('bank1')('GET', `/api/v1/enterprises/no-such/report?purpose=pre_loan`)).status).toBe(404);
  });

  it('with a consent, a bank must still state the purpose, and only the consented one', async () => {
    const consent = await t.as('enterprise2')('POST', '/api/v1/consents', {
      body: { granteeId: demoIds.bank1, dataScopes: ['carbon_account'], purpose: 'pre_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
    });
    expect(consent.status).toBe(201);
    const noPurpose = await t.as('bank1')<ErrorBody>('GET', `/api/v1/enterprises/${ent2}/report`);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error?.code).toBe('VALIDATION_FAILED');
    expect((await t.as('bank1')('GET', `/api/v1/enterprises/${ent2}/report?purpose=guarantee`)).status).toBe(403);
    expect((await t.as('bank1')<ErrorBody>('GET', `/api/v1/enterprises/${ent2}/report?purpose=fun`)).status).toBe(400);
    expect((await t.as('bank1')<ErrorBody>('GET', `/api/v1/enterprises/${ent2}/report?purpose=pre_loan&year=2019`)).body.error?.code).toBe('NOT_FOUND');
  });
});

describe('the report', () => {
  let report: EnterpriseReport;
  beforeAll(async () => {
    const response = await t.as('bank1')<EnterpriseReport>('GET', `/api/v1/enterprises/${ent2}/report?purpose=pre_loan`);
    expect(response.status).toBe(200);
    report = response.body;
  });

  it('carries the accounts API’s figures, the labels, 24 months of trend and the viewer', async () => {
    const accounts = (await t.as('enterprise2')<{ items: CarbonAccount[] }>('GET', `/api/v1/enterprises/${ent2}/accounts`)).body.items;
    const years = accounts.filter((a) => a.periodType === 'year').sort((a, b) => b.period.localeCompare(a.period));
    expect(report.year).toBe(Number(years[0]!.period));
    expect(report.annualAccounts.map((a) => a.period)).toEqual(years.map((a) => a.period));
    expect(report.annualAccounts[0]).toEqual(years[0]);
    const latestMonth = accounts.filter((a) => a.periodType === 'month').sort((a, b) => b.period.localeCompare(a.period))[0]!.period;
    expect(report.rolling).toEqual(accounts.find((a) => a.period === `${latestMonth}R12`));
    expect(report.rolling?.period).toBe('2024-12R12');
    expect(report.areaNameZh).toBe('邹城市');
    const months = new Map(accounts.filter((a) => a.periodType === 'month').map((a) => [a.period, a]));
    expect(report.trend).toHaveLength(24);
    expect(report.trend[0]!.month).toBe(`${report.year! - 1}-01`);
    for (const point of report.trend) expect(point.emissionsTco2e).toBe(months.get(point.month)?.emissionsTco2e ?? null);

    const labels = (await t.as('enterprise2')<{ items: EnterpriseLabel[] }>('GET', `/api/v1/enterprises/${ent2}/labels`)).body.items;
    expect(report.officialLabels.map((l) => l.id)).toEqual(labels.filter((l) => l.kind === 'official' && l.status === 'published').map((l) => l.id));
    expect(report.officialLabels[0]?.period).toBe('2023');
    expect(report.monitoringLabel?.id).toBe(labels.find((l) => l.kind === 'monitoring')?.id);
    expect(report.labelMovement.fromPeriod).toBe('2023');

    // Sources: the year's engine lines. Their sum is the year's gross emissions, less exports.
    const figures = report.annualAccounts[0]!.figures as { grossTco2e: string; exportedTco2e: string };
    const total = report.sources.reduce((sum, s) => sum + Number(s.tco2e) * (s.kind.startsWith('exported') ? 0 : 1), 0);
    expect(total).toBeCloseTo(Number(figures.grossTco2e), 1);
    expect(report.sources.length).toBeGreaterThan(0);
    expect(report.sources.every((s) => s.nameZh && s.lineCount > 0)).toBe(true);
    const bySource = await t.as('bank1')<{ year: number; items: EnterpriseReport['sources'] }>('GET', `/api/v1/enterprises/${ent2}/emission-sources?purpose=pre_loan`);
    expect(bySource.body).toEqual({ year: report.year, items: report.sources });
    expect((await t.as('bank2')('GET', `/api/v1/enterprises/${ent2}/emission-sources?purpose=pre_loan`)).status).toBe(403);
    expect(report.factors.length).toBeGreaterThan(0);
    expect(report.factors.every((f) => f.ref === `${f.id}${f.version ? `@${f.version}` : ''}${f.entry ? `/${f.entry}` : ''}`)).toBe(true);
    expect(report.factors.some((f) => f.version !== null && !f.version.includes('/'))).toBe(true);
    expect(report.dataQuality).toMatchObject({ monthsExpected: 12, monthsWithData: 12, revisions: 0, verified: false });

    expect(report.viewer).toMatchObject({ purpose: 'pre_loan', purposeZh: '贷前调查', basis: 'consent', organisationId: demoIds.bank1 });
    expect(report.viewer.watermark).toBe(`${report.viewer.displayName} ${report.viewer.organisationName} 2024-06-30 16:00 仅供贷前调查使用`);
    expect(report.disclaimer.zh).toContain('不是征信报告');
    expect(report.enterprise.id).toBe(ent2);
  });

  it('as a PDF: the font embedded, the name and the watermark in the extracted text, a Chinese file name', async () => {
    const pdf = await bytesOf('bank1', `/api/v1/enterprises/${ent2}/report.pdf?purpose=pre_loan`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('企业碳账户报告-')}`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.env['H1_DUMP']) (await import('node:fs')).writeFileSync(process.env['H1_DUMP'], pdf.bytes);
    const raw = pdf.bytes.toString('latin1');
    expect(raw).toMatch(/\/FontFile[23]\b/);
    expect(raw).toContain('/ToUnicode');
    const { text, pages } = await pdfText(pdf.bytes);
    expect(text).toContain(report.enterprise.nameZh);
    expect(text).toContain(report.viewer.watermark);
    expect(text).toContain('企业碳账户报告');
    expect(text).toContain(report.annualAccounts[0]!.emissionsTco2e.replace(/\B(?=(\d{3})+(?!\d)(?=\.|$))/g, ','));
    pages.forEach((page) => expect(page).toContain(report.viewer.watermark));
  }, 60_000);

  it('every open is in the enterprise’s read log (as the report) and in the audit chain', async () => {
    const reads = (await t.as('enterprise2')<ConsentReadPage>('GET', '/api/v1/consents/reads?limit=50')).body.items;
    const resources = reads.filter((r) => r.readerOrganisationId === demoIds.bank1).map((r) => r.resource);
    expect(resources).toContain('carbon_account_report');
    expect(resources).toContain('carbon_account_report_pdf');
    expect(reads.find((r) => r.resource === 'carbon_account_report')).toMatchObject({ dataScope: 'carbon_account', purpose: 'pre_loan' });
    const audited = await t.db.query<{ action: string; target_id: string }>(`select action, target_id from audit_entries where action like 'enterprises.report.%'`);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['enterprises.report.read', 'enterprises.report.pdf']));
    expect(audited.every((a) => a.target_id === ent2)).toBe(true);
    // A refused open writes neither.
    const before = audited.length;
    expect((await t.as('bank2')('GET', `/api/v1/enterprises/${ent2}/report?purpose=pre_loan`)).status).toBe(403);
    expect((await t.db.query(`select 1 from audit_entries where action like 'enterprises.report.%'`)).length).toBe(before);
  });

  it('the enterprise opens its own report without a purpose; its read is not in its read log', async () => {
    const readsBefore = (await t.as('enterprise2')<ConsentReadPage>('GET', '/api/v1/consents/reads?limit=100')).body.items.length;
    const own = await t.as('enterprise2')<EnterpriseReport>('GET', `/api/v1/enterprises/${ent2}/report?year=2023`);
    expect(own.status).toBe(200);
    expect(own.body.year).toBe(2023);
    expect(own.body.viewer).toMatchObject({ purpose: null, basis: 'self' });
    expect(own.body.viewer.watermark).toContain('仅供查阅使用');
    expect(own.body.annualAccounts.map((a) => a.period)).toEqual(['2023']);
    const pdf = await bytesOf('enterprise2', `/api/v1/enterprises/${ent2}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect((await t.as('enterprise2')<ConsentReadPage>('GET', '/api/v1/consents/reads?limit=100')).body.items.length).toBe(readsBefore);
  }, 60_000);
});

describe('an enterprise without data', () => {
  it('still has a report (no year, empty sections) as JSON and PDF', async () => {
    const empty = demoEnterprises().find(
      (e) =>
        e.id !== ent2 &&
        !demoEnterprises()
          .slice(0, 4)
          .some((x) => x.id === e.id),
    )!;
    const json = await t.as('drc')<EnterpriseReport>('GET', `/api/v1/enterprises/${empty.id}/report`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ year: null, annualAccounts: [], rolling: null, trend: [], sources: [], factors: [] });
    const pdf = await bytesOf('drc', `/api/v1/enterprises/${empty.id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect((await pdfText(pdf.bytes)).text).toContain('尚无碳账户数据');
  }, 60_000);
});

describe('data versions', () => {
  it('lists every revision with who submitted it; a correction counts; a bank needs the consent', async () => {
    const month = await t.as('enterprise2')<{ current: Submission }>('GET', `/api/v1/enterprises/${ent2}/months/2024-03`);
    const { month: _m, ...input } = demoMonthInput(
      demoEnterprises().find((e) => e.id === ent2)!,
      '2024-03',
    );
    const corrected = await t.as('enterprise2')('PUT', `/api/v1/enterprises/${ent2}/months/2024-03`, {
      body: {
        ...input,
        outputValue10kCny: Number(input.outputValue10kCny).toFixed(2),
        valueAdded10kCny: Number(input.valueAdded10kCny).toFixed(2),
        supersedes: month.body.current.id,
        note: '更正 3 月产量',
      },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    const versions = await t.as('enterprise2')<{ items: DataVersion[]; corrections: number }>('GET', `/api/v1/enterprises/${ent2}/data-versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.items).toHaveLength(25);
    expect(versions.body.corrections).toBe(1);
    const march = versions.body.items.filter((v) => v.month === '2024-03');
    expect(march.map((v) => [v.revision, v.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(march[0]).toMatchObject({ channel: 'form', note: '更正 3 月产量', supersedesId: month.body.current.id });
    expect(march[0]!.submittedByName).toBeTruthy();
    const report = await t.as('enterprise2')<EnterpriseReport>('GET', `/api/v1/enterprises/${ent2}/report?year=2024`);
    expect(report.body.dataQuality.revisions).toBe(1);
    expect((await t.as('bank2')('GET', `/api/v1/enterprises/${ent2}/data-versions?purpose=pre_loan`)).status).toBe(403);
    // A consent for the report alone opens the report, not the data behind it.
    const reportOnly = await t.as('enterprise2')('POST', '/api/v1/consents', {
      body: { granteeId: demoIds.bank2, dataScopes: ['account_report'], purpose: 'post_loan', validFrom: '2024-01-01', validTo: '2024-12-31' },
    });
    expect(reportOnly.status).toBe(201);
    expect((await t.as('bank2')('GET', `/api/v1/enterprises/${ent2}/report?purpose=post_loan`)).status).toBe(200);
    expect((await t.as('bank2')('GET', `/api/v1/enterprises/${ent2}/months?purpose=post_loan`)).status).toBe(403);
    // The test clock stands still: reads share one instant, so look the read up rather than take the first.
    const reads = (await t.as('enterprise2')<ConsentReadPage>('GET', '/api/v1/consents/reads?limit=100')).body.items;
    expect(reads.filter((r) => r.readerOrganisationId === demoIds.bank2)).toEqual([
      expect.objectContaining({ dataScope: 'account_report', purpose: 'post_loan', resource: 'carbon_account_report' }),
    ]);
    expect((await t.as('bank1')('GET', `/api/v1/enterprises/${ent2}/data-versions?purpose=pre_loan`)).status).toBe(200);
  }, 60_000);
});
