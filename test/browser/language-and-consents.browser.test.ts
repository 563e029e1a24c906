/**
 * The language toggle switches every label (menu, headings, buttons, table headers) to English;
 * an enterprise grants a consent, sees a bank's read in its read log, and revokes the consent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, startWebStack, tokenFor, type WebStack } from './web-harness.ts';

let stack: WebStack;
beforeAll(async () => {
  stack = await startWebStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** Labels of the page: the menu, headings, buttons (but the toggle, which names the other language), table headers. */
async function labelsWithCjk(page: Page): Promise<string[]> {
  const texts = await page
    .locator('[data-testid=main-menu] li, h1, h2, button:not([data-testid=language-toggle]), th, .ant-collapse-header, .ant-select-selection-placeholder')
    .allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => cjk.test(t));
}

describe('language toggle', () => {
  it('switches every visible label to English and back', async () => {
    const page = await stack.newPage();
    await signIn(page, 'admin');
    expect((await labelsWithCjk(page)).length).toBeGreaterThan(3);
    await page.getByTestId('language-toggle').click();
    for (const path of ['/home', '/organisations', '/tokens', '/audit', '/jobs']) {
      await stack.step(page, `english-${path.slice(1)}`, async () => {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await labelsWithCjk(page), path).toEqual([]);
      });
    }
    // The page's language follows the toggle, and the client sends it as Accept-Language.
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const message = await page
      .evaluate(() => fetch('/api/v1/nope', { headers: { 'accept-language': 'en' } }).then((r) => r.json() as Promise<{ error: { message: string } }>))
      .then((b) => b.error.message);
    expect(message).toBe('No such endpoint.');
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toMatch(cjk);
  });

  it('the phone layout puts the menu in a drawer', async () => {
    const page = await stack.newPage({ width: 390, height: 844 });
    await signIn(page, 'admin');
    expect(await page.getByTestId('main-menu').count()).toBe(0);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('main-menu').getByText('审计日志').click();
    await page.getByTestId('audit-page').waitFor();
  });
});

describe('enterprise consents', () => {
  it('grants a consent, sees the bank read it in the read log, and revokes it', async () => {
    const page = await stack.newPage();
    await signIn(page, 'enterprise1');
    await page.goto('/consents');
    await page.getByTestId('consents-page').waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;

    await stack.step(page, 'consent-grant', async () => {
      await page.getByTestId('grant-consent').click();
      await page.getByTestId('grantee-select').click();
      await page.keyboard.type('示例泰岳银行济宁');
      await page.locator('.ant-select-item-option').first().click();
      const inputs = page.locator('.ant-modal .ant-picker-range input');
      await inputs.nth(0).click();
      await inputs.nth(0).fill(today);
      await page.keyboard.press('Enter');
      await inputs.nth(1).fill(nextYear);
      await page.keyboard.press('Enter');
      await page.getByTestId('grant-submit').click();
      await expect.poll(() => page.getByTestId('consent-table').locator('tbody tr .ant-tag').allInnerTexts(), { timeout: 5000 }).toContain('生效中');
    });

    // bank1's systems read the profile under the consent, with a token.
    const token = await tokenFor(stack.url, 'bank1');
    const read = await fetch(`${stack.url}/api/v1/enterprises/ent-001/profile?purpose=pre_loan`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);

    await stack.step(page, 'consent-read-log', async () => {
      await page.getByTestId('reload-reads').click();
      await expect.poll(() => page.getByTestId('read-log').locator('tbody').innerText(), { timeout: 5000 }).toContain('示例泰岳银行');
      expect(await page.getByTestId('read-log').locator('tbody').innerText()).toContain('贷前调查');
    });

    await stack.step(page, 'consent-revoke', async () => {
      await page.getByTestId('consent-table').locator('[data-testid^=revoke-]').first().click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('consent-table').locator('tbody tr .ant-tag').allInnerTexts(), { timeout: 5000 }).toContain('已撤销');
    });
    const after = await fetch(`${stack.url}/api/v1/enterprises/ent-001/profile?purpose=pre_loan`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(403);
  });
});
