/**
 * Browser step of issue 7, part 5 (factor publishing): the administrator opens 因子库, opens the
 * grid factor the enterprises' purchased electricity uses, publishes a new version with a higher
 * value (source text, today's effective date), starts 重新计算, waits for the job and sees the
 * change report — enterprises with changed emissions, labels marked 需重新发布 where a new draft
 * would give another colour; then the API (as
 * the commission) shows the published 2024 official labels exactly as before. Screenshots at
 * desktop width, and the report at phone width.
 *
 * Run after the carbon-accounts steps (the 2024 official labels published).
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type WebStack } from '../web-harness.ts';

export interface FactorPublishingStepOptions {
  stack: WebStack;
  pageOf: (username: string) => Promise<Page>;
  /** How much higher the new grid factor is (tCO2/MWh); large enough that some labels change. */
  increase?: string;
}

interface GridFactor {
  id: string;
  version: number;
  latestVersion: number;
  value: string;
}

/** The electricity factor the demo enterprises' months name, read with the page's session. */
async function gridFactorInUse(page: Page): Promise<GridFactor> {
  return page.evaluate(async () => {
    const records = (await (await fetch('/api/v1/reference/records?kind=electricity_factor')).json()) as {
      items: { id: string; version: number; latestVersion: number; values: Record<string, string | null> }[];
    };
    const months = (await (await fetch('/api/v1/enterprises/ent-001/months')).json()) as { items: { factorRefs: string[] }[] };
    const refs = new Set(months.items.flatMap((m) => m.factorRefs).map((r) => r.split('@')[0]));
    const record = records.items.find((r) => refs.has(r.id));
    if (!record) throw new Error(`no electricity factor among ${[...refs].join(', ')}`);
    return { id: record.id, version: record.version, latestVersion: record.latestVersion, value: record.values['valueTco2PerMwh'] ?? '' };
  });
}

/** The published official labels of a year as the API gives them (id, enterprise, colour, reasons …). */
async function publishedLabels(page: Page, year: number): Promise<string> {
  return page.evaluate(async (y) => {
    const r = await fetch(`/api/v1/labels?year=${y}&status=published`);
    if (!r.ok) throw new Error(`GET /api/v1/labels: ${r.status}`);
    return JSON.stringify(await r.json());
  }, year);
}

/** Adds two plain decimals exactly enough for a factor (at most 6 places). */
function addDecimal(a: string, b: string): string {
  const scale = 1_000_000n;
  const toMicro = (s: string) => {
    const [whole, fraction = ''] = s.split('.');
    return BigInt(whole!) * scale + BigInt((fraction + '000000').slice(0, 6));
  };
  const sum = toMicro(a) + toMicro(b);
  return `${sum / scale}.${String(sum % scale).padStart(6, '0')}`.replace(/0+$/, '').replace(/\.$/, '');
}

export async function factorPublishingStep({ stack, pageOf, increase = '0.5' }: FactorPublishingStepOptions): Promise<{ jobId: string; gridFactor: string }> {
  const admin = await pageOf('admin');
  const drc = await pageOf('drc');
  const labelsBefore = await publishedLabels(drc, 2024);
  expect(JSON.parse(labelsBefore).items.length).toBeGreaterThan(0);
  const grid = await gridFactorInUse(admin);
  const newValue = addDecimal(grid.value, increase);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  await stack.step(admin, 'factor-publishing-open-record', async () => {
    await admin.goto('/home');
    await admin.getByTestId('main-menu').getByText('因子库').click();
    await admin.getByTestId('reference-page').waitFor();
    await admin.getByPlaceholder('搜索编号或名称').fill(grid.id);
    await admin.getByPlaceholder('搜索编号或名称').press('Enter');
    await admin.getByTestId(`reference-row-${grid.id}`).waitFor();
    await admin.screenshot({ path: join(stack.shots, 'factor-library.png'), fullPage: true });
    await admin.getByTestId(`reference-open-${grid.id}`).click();
    await admin.getByTestId('reference-record-page').waitFor();
    await admin.getByTestId(`reference-version-${grid.latestVersion}`).waitFor();
  });

  await stack.step(admin, 'factor-publishing-publish', async () => {
    await admin.getByTestId('publish-new-version').click();
    await admin.getByTestId('publish-form').waitFor();
    await admin.getByTestId('publish-value-valueTco2PerMwh').fill(newValue);
    await admin.getByTestId('publish-source').fill('示例：省级电网平均二氧化碳排放因子更新（浏览器测试）');
    await admin.getByTestId('publish-effective').fill(today);
    await admin.getByTestId('publish-note').fill('电网因子上调，需按新版本重新计算');
    await admin.screenshot({ path: join(stack.shots, 'factor-publish-form.png'), fullPage: true });
    await admin.getByTestId('publish-submit').click();
    const row = admin.getByTestId(`reference-version-${grid.latestVersion + 1}`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(newValue);
    await expect.poll(() => admin.getByTestId('reference-current-values').innerText()).toContain(newValue);
    await admin.screenshot({ path: join(stack.shots, 'factor-versions.png'), fullPage: true });
  });

  const jobId = await stack.step(admin, 'factor-publishing-recalculate', async () => {
    await admin.getByRole('link', { name: '返回因子库' }).click();
    await admin.getByTestId('recalc-card').waitFor();
    await admin.getByTestId('recalc-note').fill(`${grid.id} v${grid.latestVersion + 1} 发布后重新计算`);
    await admin.getByTestId('recalc-start').click();
    const job = admin.getByTestId('recalc-job');
    await job.waitFor();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 300_000, interval: 1000 }).toBe('succeeded');
    const link = admin.getByTestId('recalc-open-report');
    const href = (await link.getAttribute('href'))!;
    await link.click();
    // A web build replaced meanwhile (another test building dist/web) leaves the lazy page unloadable: open it afresh.
    await admin
      .getByTestId('recalc-report-table')
      .waitFor({ timeout: 10_000 })
      .catch(() => admin.goto(href));
    await admin.getByTestId('recalc-report-table').waitFor();
    return admin.url().split('/').at(-1)!;
  });

  const summary = await admin.evaluate(async (id) => {
    const r = (await (await fetch(`/api/v1/reference/recalculations/${id}`)).json()) as {
      report: { summary: { enterprisesChanged: number; labelsNeedingRepublication: number }; enterprises: { monthsChanged: number }[] } | null;
    };
    return r.report!.summary;
  }, jobId);
  expect(summary.enterprisesChanged).toBeGreaterThan(0);

  await stack.step(admin, 'factor-publishing-report', async () => {
    expect(await admin.getByTestId('recalc-page').getAttribute('data-status')).toBe('succeeded');
    expect(await admin.getByTestId('recalc-summary').innerText()).toContain('已发布标识未改动');
    // Enterprises with changed emissions, each naming the grid factor's new version.
    await admin.locator('[data-testid^="recalc-row-"]').first().waitFor();
    expect(await admin.getByTestId('recalc-report-table').innerText()).toContain(`${grid.id}@${grid.latestVersion + 1}`);
    await admin.screenshot({ path: join(stack.shots, 'recalculation-report.png'), fullPage: true });
    // Labels a new draft would colour differently are marked 需重新发布 (the demo's sectors scale
    // electricity and fuel alike, so a grid change alone may flip none: then none is marked).
    await admin.getByTestId('recalc-only-republish').click();
    if (summary.labelsNeedingRepublication > 0) {
      await admin.getByTestId('republish-tag').first().waitFor();
      await admin.screenshot({ path: join(stack.shots, 'recalculation-republish.png'), fullPage: true });
    } else expect(await admin.getByTestId('republish-tag').count()).toBe(0);
    await admin.getByTestId('recalc-only-republish').click();
  });

  const phone = await stack.newPage({ width: 390, height: 844 });
  await stack.step(phone, 'factor-publishing-report-phone', async () => {
    await signIn(phone, 'admin');
    await phone.goto(`/reference/recalculations/${jobId}`);
    await phone.getByTestId('recalc-report-table').waitFor();
    await phone.locator('[data-testid^="recalc-row-"]').first().waitFor();
    await phone.screenshot({ path: join(stack.shots, 'recalculation-report-phone.png'), fullPage: true });
  });

  // Published official labels change only through a new publication.
  expect(await publishedLabels(drc, 2024)).toBe(labelsBefore);
  return { jobId, gridFactor: `${grid.id}@${grid.latestVersion + 1}` };
}
