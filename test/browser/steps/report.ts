/**
 * Browser step of issue 7, parts 1 and 3 (企业碳账户报告): enterprise2 grants bank1 a consent for
 * its carbon-account data (pre-loan) through the consents page; bank1 opens the report of
 * ent-002 from the enterprise's detail page, chooses the purpose, sees the enterprise's name and
 * the watermark with its own name, downloads the PDF (a Playwright download) and the PDF's text,
 * extracted with pdfjs, holds the enterprise's name and the watermark; enterprise2 then sees
 * bank1's report reads in its read log. Screenshots of the report at desktop and phone width.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfText } from '../../../packages/server/src/testing/pdf-text.ts';
import { signIn, type WebStack } from '../web-harness.ts';

export interface ReportStepOptions {
  stack: WebStack;
  pageOf: (username: string) => Promise<Page>;
}

const enterpriseId = 'ent-002';

export async function reportStep({ stack, pageOf }: ReportStepOptions): Promise<void> {
  const enterprise = await pageOf('enterprise2');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;

  await stack.step(enterprise, 'report-consent-grant', async () => {
    await enterprise.goto('/consents');
    await enterprise.getByTestId('consents-page').waitFor();
    await enterprise.getByTestId('grant-consent').click();
    await enterprise.getByTestId('grantee-select').click();
    await enterprise.keyboard.type('示例泰岳银行济宁分行');
    await enterprise
      .locator('.ant-select-item-option')
      .filter({ hasText: /^示例泰岳银行济宁分行$/ })
      .first()
      .click();
    await enterprise.locator('.ant-modal').getByLabel('碳账户', { exact: true }).check();
    const inputs = enterprise.locator('.ant-modal .ant-picker-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(today);
    await enterprise.keyboard.press('Enter');
    await inputs.nth(1).fill(nextYear);
    await enterprise.keyboard.press('Enter');
    await enterprise.getByTestId('grant-submit').click();
    await expect
      .poll(
        () =>
          enterprise.evaluate(async () => {
            const consents = (await (await fetch('/api/v1/consents')).json()) as { items: { granteeId: string; dataScopes: string[]; purpose: string; status?: string }[] };
            return consents.items.some((c) => c.granteeId === 'bank-taiyue' && c.dataScopes.includes('carbon_account') && c.purpose === 'pre_loan');
          }),
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  const bank = await pageOf('bank1');
  const me = await bank.evaluate(async () => (await (await fetch('/api/v1/me')).json()) as { user: { displayName: string }; organisation: { nameZh: string } });
  let nameZh = '';
  await stack.step(bank, 'report-open', async () => {
    await bank.goto(`/enterprises/${enterpriseId}`);
    await bank.getByTestId('enterprise-detail-page').waitFor();
    // The detail's shared blocks: emissions by source, intensity against the bands, data versions.
    await bank.locator('[data-testid=emission-sources-chart] canvas').waitFor({ timeout: 30_000 });
    await bank.getByTestId('intensity-scale').waitFor();
    await expect.poll(() => bank.getByTestId('data-versions').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await bank.screenshot({ path: join(stack.shots, 'enterprise-detail-bank.png'), fullPage: true });
    await bank.getByTestId('report-open').click();
    await bank.getByTestId('enterprise-report-page').waitFor();
    // The purpose first: nothing is read before it is chosen.
    await bank.getByTestId('report-purpose-card').waitFor();
    await bank.getByTestId('report-purpose-open').click();
    await bank.getByTestId('report').waitFor({ timeout: 30_000 });
    nameZh = (await bank.getByTestId('report-enterprise-name').innerText()).split('\n')[0]!.replace(/示例$/, '').trim();
    expect(nameZh.length).toBeGreaterThan(2);
    const watermark = await bank.getByTestId('report-watermark-text').innerText();
    expect(watermark).toContain(me.user.displayName);
    expect(watermark).toContain(me.organisation.nameZh);
    expect(watermark).toContain('仅供贷前调查使用');
    expect(await bank.getByTestId('report-watermark').locator('span').first().innerText()).toBe(watermark);
    expect(await bank.getByTestId('report-disclaimer').innerText()).toContain('不是征信报告');
    await bank.locator('[data-testid=report-trend-chart] canvas').waitFor();
    await bank.locator('[data-testid=emission-sources-chart] canvas').waitFor();
    await bank.screenshot({ path: join(stack.shots, 'report-desktop.png'), fullPage: true });
  });

  await stack.step(bank, 'report-pdf', async () => {
    const [download] = await Promise.all([bank.waitForEvent('download', { timeout: 60_000 }), bank.getByTestId('report-download-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^企业碳账户报告-.+\.pdf$/);
    const path = join(stack.shots, 'report-ent-002.pdf');
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(bytes);
    expect(text).toContain(nameZh);
    expect(text).toContain(me.user.displayName);
    expect(text).toContain(`${me.user.displayName} ${me.organisation.nameZh}`);
    expect(text).toContain('仅供贷前调查使用');
  });

  await stack.step(bank, 'report-phone', async () => {
    const phone = await stack.newPage({ width: 390, height: 844 });
    await signIn(phone, 'bank1');
    await phone.goto(`/enterprises/${enterpriseId}/report?purpose=pre_loan`);
    await phone.getByTestId('report').waitFor({ timeout: 30_000 });
    await phone.getByTestId('report-enterprise-name').waitFor();
    await phone.locator('[data-testid=report-trend-chart] canvas').waitFor();
    await phone.screenshot({ path: join(stack.shots, 'report-phone.png'), fullPage: true });
  });

  await stack.step(enterprise, 'report-own', async () => {
    // 我的碳账户 → 碳账户报告: the enterprise reads its own report without choosing a purpose.
    await enterprise.goto('/carbon-account');
    await enterprise.getByTestId('carbon-account-page').waitFor();
    await enterprise.getByTestId('report-open').click();
    await enterprise.getByTestId('report').waitFor({ timeout: 30_000 });
    expect(await enterprise.getByTestId('report-purpose-card').count()).toBe(0);
    expect(await enterprise.getByTestId('report-watermark-text').innerText()).toContain('仅供查阅使用');
  });

  await stack.step(enterprise, 'report-read-log', async () => {
    await enterprise.goto('/consents');
    await enterprise.getByTestId('consents-page').waitFor();
    await enterprise.getByTestId('reload-reads').click();
    const resources = () =>
      enterprise
        .getByTestId('read-log')
        .locator('[data-testid=read-resource]')
        .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-resource')));
    await expect.poll(resources, { timeout: 10_000 }).toEqual(expect.arrayContaining(['carbon_account_report', 'carbon_account_report_pdf']));
    const log = await enterprise.getByTestId('read-log').locator('tbody').innerText();
    expect(log).toContain(me.organisation.nameZh);
    expect(log).toContain('碳账户报告（PDF 下载）');
    await enterprise.screenshot({ path: join(stack.shots, 'report-read-log.png'), fullPage: true });
  });
}
