/**
 * Carbon accounts and labels end to end, after the demo seed: an enterprise imports a new month
 * from a spreadsheet built on the downloaded template and sees its monitoring label move to the
 * new rolling 12 months; the commission drafts and publishes the 2024 labels; the enterprise files
 * an objection, the commission rejects it and the enterprise reads the resolution; a bank sees the
 * published colour list without reasons and, without a consent, no enterprise data. Then, on the
 * same platform (issue 7; the steps live in ./steps/): the commission's dashboards with a filtered
 * export and screenshots at desktop and phone width, a bank's consented carbon account report and
 * its PDF, an enterprise's what-if, the action plan's supervision (issue 8: its computed indicator
 * needs the seeded accounts), and a factor publication with its recalculation report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, startWebStack, waitForDemoSeed, type WebStack } from './web-harness.ts';
import { dashboardStep } from './steps/dashboards.ts';
import { factorPublishingStep } from './steps/factor-publishing.ts';
import { reportStep } from './steps/report.ts';
import { supervisionStep } from './steps/supervision.ts';
import { whatIfStep } from './steps/what-if.ts';

let stack: WebStack;
let seedMs = 0;
const started = Date.now();
beforeAll(async () => {
  // On PGlite the server answers only after the seed; on PostgreSQL the seed runs after start.
  stack = await startWebStack({ serverReadyMs: 360_000, bulkSeed: true });
  seedMs = await waitForDemoSeed(stack.url, { timeoutMs: 360_000 });
}, 480_000);
afterAll(async () => {
  process.stderr.write(
    `carbon-accounts browser test: ${Math.round((Date.now() - started) / 1000)} s in all, ${Math.round(seedMs / 1000)} s waiting for the demo seed after the server answered (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}); screenshots in ${stack?.shots}\n`,
  );
  await stack?.stop();
});

const colours = ['green', 'yellow', 'orange', 'red'] as const;
const newMonth = '2025-01';
const resolution = '经复核，2024 年度增加值与排放数据无误，维持原标识。';
const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** The signed-in pages of each login, kept across the steps (each its own browser context). */
const pages = new Map<string, Page>();
async function pageOf(username: string): Promise<Page> {
  let page = pages.get(username);
  if (!page) {
    page = await stack.newPage({ width: 1440, height: 900 });
    await signIn(page, username);
    pages.set(username, page);
  }
  return page;
}

async function openFromMenu(page: Page, entry: string, testId: string): Promise<void> {
  await page.getByTestId('main-menu').getByText(entry, { exact: true }).click();
  await page.getByTestId(testId).waitFor();
}

/** The month-import spreadsheet for one new month, with the template's own header row. */
async function monthWorkbook(header: string[]): Promise<Buffer> {
  const column = (label: string) => {
    const index = header.findIndex((h) => h.replace(/^\*/, '').startsWith(label));
    if (index < 0) throw new Error(`the template has no ${label} column: ${header.join(', ')}`);
    return index;
  };
  const lines: [type: string, item: string | null, quantity: string, unit: string][] = [
    ['fuel', 'raw_coal', '900', 't'],
    ['electricity_purchased', null, '6500000', 'kWh'],
    ['value_added', null, '5200.00', '万元'],
    ['output_value', null, '11500.00', '万元'],
  ];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据 (Data)');
  sheet.addRow(header);
  for (const [type, item, quantity, unit] of lines) {
    const row: (string | null)[] = header.map(() => null);
    row[column('月份')] = newMonth;
    row[column('类别')] = type;
    row[column('品种')] = item;
    row[column('数量')] = quantity;
    row[column('单位')] = unit;
    sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('carbon accounts and labels', () => {
  it('enterprise1 imports a new month from the template and its monitoring label moves to the new 12 months', async () => {
    const page = await pageOf('enterprise1');
    const before = await stack.step(page, 'account-open', async () => {
      await openFromMenu(page, '我的碳账户', 'carbon-account-page');
      const label = page.getByTestId('monitoring-label');
      await label.waitFor();
      const state = {
        colour: await label.getAttribute('data-colour'),
        period: await page.getByTestId('monitoring-period').getAttribute('data-period'),
        reason: (await page.getByTestId('monitoring-reason').innerText()).trim(),
      };
      expect(state.period).toBe('2024-12R12');
      expect(colours).toContain(state.colour);
      expect(state.reason).toContain('2024-12R12');
      // The months, the annual accounts and the chart are there.
      await expect.poll(() => page.getByTestId('months-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('annual-accounts').innerText()).toContain('2024');
      await page.getByTestId('monthly-trend-chart').locator('canvas').waitFor();
      return state;
    });

    const header = await stack.step(page, 'account-template', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-xlsx').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
      const values = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
      expect(values.slice(0, 5)).toEqual(['*月份 (Month)', '*类别 (Type)', '品种 (Item)', '*数量 (Quantity)', '单位 (Unit)']);
      return values;
    });

    await stack.step(page, 'account-import', async () => {
      await page
        .getByTestId('import-card')
        .locator('input[type=file]')
        .setInputFiles({ name: `月度数据-${newMonth}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await monthWorkbook(header) });
      await expect.poll(() => page.getByTestId('import-file-name').innerText(), { timeout: 10_000 }).toBe(`月度数据-${newMonth}.xlsx`);
      expect(await page.getByTestId('import-supersede').locator('input').isChecked()).toBe(false);
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-succeeded').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-succeeded').innerText()).toContain(newMonth);
    });

    await stack.step(page, 'account-label-moved', async () => {
      await expect.poll(() => page.getByTestId('monitoring-period').getAttribute('data-period'), { timeout: 15_000 }).toBe(`${newMonth}R12`);
      const reason = (await page.getByTestId('monitoring-reason').innerText()).trim();
      expect(reason).not.toBe(before.reason);
      expect(reason).toContain(`${newMonth}R12`);
      expect(await page.getByTestId('monitoring-period').innerText()).toContain(`2024-02 至 ${newMonth}`);
      await expect.poll(() => page.getByTestId('months-table').locator('tbody tr.ant-table-row').first().innerText()).toContain(newMonth);
      await page.getByTestId('monthly-trend-chart').locator('canvas').waitFor();
      await page.screenshot({ path: join(stack.shots, 'carbon-account-imported.png'), fullPage: true });
    });
  }, 180_000);

  it('drc drafts and publishes the 2024 labels and sees all four colours', async () => {
    const page = await pageOf('drc');
    const panel = page.getByTestId('label-list-panel');
    await stack.step(page, 'labels-open', async () => {
      await openFromMenu(page, '碳效标识', 'labels-page');
      // The last complete year with data, not the clock's last year.
      await expect.poll(() => panel.getAttribute('data-year'), { timeout: 15_000 }).toBe('2024');
      expect(await panel.getAttribute('data-status')).toBe('published');
      await expect.poll(() => page.getByTestId('label-table').innerText()).toContain('该年度尚未发布碳效标识');
    });

    await stack.step(page, 'labels-draft', async () => {
      await page.getByTestId('draft-labels').click();
      await expect.poll(() => panel.getAttribute('data-status'), { timeout: 60_000 }).toBe('draft');
      await expect.poll(() => page.getByTestId('label-table').locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      // Drafts show their reasons to the commission.
      expect(await page.getByTestId('label-reason').count()).toBeGreaterThan(0);
    });

    await stack.step(page, 'labels-publish', async () => {
      await page.getByTestId('publish-labels').click();
      await expect.poll(() => page.getByTestId('publish-summary').innerText()).toContain('2024');
      // A click during the dialog's opening animation can be lost: click until the dialog closes
      // (once the request is under way the button is busy and further clicks do nothing).
      for (let attempt = 0; ; attempt++) {
        await page.getByTestId('publish-confirm').click();
        const closed = await page
          .getByTestId('publish-confirm')
          .waitFor({ state: 'hidden', timeout: 15_000 })
          .then(() => true)
          .catch(() => false);
        if (closed || attempt === 2) break;
      }
      await expect.poll(() => panel.getAttribute('data-status'), { timeout: 60_000 }).toBe('published');
      for (const colour of colours) {
        await expect.poll(async () => Number(await page.getByTestId(`count-${colour}`).innerText()), { timeout: 30_000, message: colour }).toBeGreaterThan(0);
      }
      await expect.poll(() => page.getByTestId('label-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await page.getByTestId('colour-count-chart').locator('canvas').waitFor();
      await page.screenshot({ path: join(stack.shots, 'labels.png'), fullPage: true });
    });
  }, 180_000);

  it('enterprise1 objects to its 2024 label, drc rejects it, and enterprise1 reads the resolution', async () => {
    const enterprise = await pageOf('enterprise1');
    await stack.step(enterprise, 'objection-file', async () => {
      await enterprise.goto('/carbon-account');
      await enterprise.getByTestId('file-objection-2024').click();
      await enterprise.getByTestId('objection-reason').fill('2024 年度工业增加值口径与统计部门不一致，申请复核。');
      await enterprise.getByTestId('objection-submit').click();
      await expect.poll(() => enterprise.getByTestId('objection-status-2024').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
    });

    const drc = await pageOf('drc');
    await stack.step(drc, 'objection-reject', async () => {
      await drc.getByTestId('tab-objections').click();
      await drc.getByTestId('objections-panel').waitFor();
      expect(new URL(drc.url()).pathname).toBe('/labels/objections');
      const table = drc.getByTestId('objection-table');
      await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('申请复核');
      await table.locator('[data-testid^=reject-]').first().click();
      await drc.getByTestId('resolution-text').fill(resolution);
      await drc.getByTestId('resolution-submit').click();
      await expect.poll(() => table.locator('[data-testid^=reject-]').count(), { timeout: 10_000 }).toBe(0);
    });

    await stack.step(enterprise, 'objection-resolution', async () => {
      await enterprise.reload();
      await expect.poll(() => enterprise.getByTestId('objection-status-2024').getAttribute('data-status'), { timeout: 10_000 }).toBe('rejected');
      expect(await enterprise.getByTestId('objection-resolution-2024').innerText()).toContain(resolution);
      await enterprise.getByTestId('monthly-trend-chart').locator('canvas').waitFor();
      await enterprise.screenshot({ path: join(stack.shots, 'carbon-account.png'), fullPage: true });
    });

    // The page's labels follow the language toggle.
    await stack.step(enterprise, 'account-english', async () => {
      await enterprise.getByTestId('language-toggle').click();
      await expect.poll(() => enterprise.locator('h1').first().innerText()).toBe('My carbon account');
      const labels = await enterprise.locator('[data-testid=main-menu] li, h1, h2, button:not([data-testid=language-toggle]), th').allInnerTexts();
      expect(labels.map((l) => l.trim()).filter((l) => cjk.test(l))).toEqual([]);
      expect(await enterprise.getByTestId('objection-status-2024').innerText()).toBe('Rejected');
      await enterprise.getByTestId('language-toggle').click();
    });
  }, 120_000);

  it('bank1 sees the published 2024 colour list without reasons, and no data of an enterprise without its consent', async () => {
    const page = await pageOf('bank1');
    await stack.step(page, 'bank-labels', async () => {
      await openFromMenu(page, '碳效标识', 'labels-page');
      const panel = page.getByTestId('label-list-panel');
      await expect.poll(() => panel.getAttribute('data-year'), { timeout: 15_000 }).toBe('2024');
      for (const colour of colours) {
        await expect.poll(async () => Number(await page.getByTestId(`count-${colour}`).innerText()), { timeout: 15_000, message: colour }).toBeGreaterThan(0);
      }
      await expect.poll(() => page.getByTestId('label-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('label-reason').count()).toBe(0);
      expect(await page.getByTestId('label-table').locator('th').allInnerTexts()).not.toContain('评定依据');
      expect(await page.content()).not.toContain('碳效值 K');
      // Only the commission drafts and publishes.
      expect(await page.getByTestId('draft-labels').count()).toBe(0);
      expect(await page.getByTestId('tab-objections').count()).toBe(0);
    });

    await stack.step(page, 'bank-no-consent', async () => {
      await page.goto('/enterprises/ent-002');
      await page.getByTestId('consent-required').waitFor();
      expect(await page.getByTestId('consent-required').innerText()).toContain('需要企业授权');
      expect((await page.getByTestId('consent-required-message').innerText()).trim()).toContain('该企业尚未授权贵机构为此用途查阅这些数据');
      for (const data of ['enterprise-profile', 'monitoring-label-card', 'official-labels-card', 'months-table', 'annual-accounts']) {
        expect(await page.getByTestId(data).count(), data).toBe(0);
      }
      expect(await page.content()).not.toContain('91370883MA44BG3CBK');
    });
  }, 120_000);
});

// Issue 7 on the same seeded platform (by now 2024 is published and enterprise1 has 2025-01).
describe('carbon account report, dashboards, what-if, action-plan supervision and factor publishing', () => {
  it(
    'drc filters the dashboard to the red enterprises of one county and exports the list; every dashboard at desktop and phone width',
    () => dashboardStep({ stack, pageOf }),
    240_000,
  );

  it('bank1, with enterprise2’s consent, opens its carbon account report and downloads the PDF with the watermark', () => reportStep({ stack, pageOf }), 180_000);

  it('enterprise1 runs a what-if that turns its orange label yellow, and nothing is saved', () => whatIfStep({ stack, pageOf }), 180_000);

  it(
    'drc supervises the action plan: a milestone on task 2, eeb reports on task 7, drc returns one report and accepts another; the leading-group PDF lists every task',
    () => supervisionStep({ stack, pageOf }),
    240_000,
  );

  // Last: it changes the grid factor every later figure would use.
  it('an administrator publishes a new grid factor, recalculates and reads the change report; published labels stay', () => factorPublishingStep({ stack, pageOf }), 240_000);
});
