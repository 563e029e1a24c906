/**
 * The inbox and webhooks in the browser: a consent granted by enterprise1 shows on bank1's bell;
 * bank1 reads its inbox and marks everything read, and the count drops to 0; bank1 (an admin)
 * registers a webhook and sees its signing secret once; bank1-sub (no admin role) has no
 * webhooks menu entry, nor the page.
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

/** The count on the header's bell (its data-unread attribute). */
async function bellCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
}

/** enterprise1 grants bank1 a consent through the API, as its own system would. */
async function grantConsentToBank1(url: string): Promise<void> {
  const token = await tokenFor(url, 'enterprise1');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const r = await fetch(`${url}/api/v1/consents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ granteeId: 'bank-taiyue', dataScopes: ['profile'], purpose: 'pre_loan', validFrom: today, validTo: nextYear }),
  });
  expect(r.status, await r.clone().text()).toBe(201);
}

describe('inbox and webhooks', () => {
  it('bank1 sees the unread count, reads its inbox and registers a webhook; bank1-sub has no webhooks', async () => {
    await grantConsentToBank1(stack.url);

    const page = await stack.newPage({ width: 390, height: 844 });
    await signIn(page, 'bank1');

    await stack.step(page, 'bell-count', async () => {
      await expect.poll(() => bellCount(page), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    });

    await stack.step(page, 'inbox-mark-all-read', async () => {
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('inbox-page').waitFor();
      const first = page.getByTestId('inbox-item').first();
      await first.waitFor();
      expect(await first.getAttribute('data-read')).toBe('false');
      expect(await first.innerText()).toContain('新的数据授权');
      await page.getByTestId('mark-all-read').click();
      await expect.poll(() => bellCount(page), { timeout: 5000 }).toBe(0);
      await expect.poll(() => page.getByTestId('inbox-item').first().getAttribute('data-read'), { timeout: 5000 }).toBe('true');
    });

    await stack.step(page, 'webhook-register', async () => {
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('main-menu').getByText('Webhook 推送').click();
      await page.getByTestId('webhooks-page').waitFor();
      await page.getByTestId('register-webhook').click();
      await page.getByTestId('webhook-url').fill('https://hooks.example.invalid/cfp');
      await page.getByTestId('webhook-submit').click();
      const secret = page.getByTestId('webhook-secret');
      await secret.waitFor();
      expect(await secret.innerText()).toMatch(/^whsec_[A-Za-z0-9_-]{20,}/);
      expect(await page.getByTestId('webhook-verify-help').innerText()).toContain('HMAC-SHA256');
      await page.getByTestId('webhook-secret-close').click();
      await secret.waitFor({ state: 'hidden' });
      const table = page.getByTestId('webhook-table').locator('tbody');
      await expect.poll(() => table.innerText(), { timeout: 5000 }).toContain('https://hooks.example.invalid/cfp');
      // The secret is not shown again.
      await expect.poll(() => page.getByText(/whsec_/).count(), { timeout: 5000 }).toBe(0);
    });

    const sub = await stack.newPage();
    await signIn(sub, 'bank1-sub');
    await stack.step(sub, 'no-webhooks-for-non-admin', async () => {
      const items = await sub.getByTestId('main-menu').locator('li[role=menuitem]').allTextContents();
      expect(items).not.toContain('Webhook 推送');
      await sub.goto('/webhooks');
      await sub.getByTestId('not-found').waitFor();
    });
  }, 60_000);

  it('enterprise1 uploads a document to its home page, lists and downloads it; a wrong type shows the refusal', async () => {
    const page = await stack.newPage({ width: 390, height: 844 });
    await signIn(page, 'enterprise1');
    const card = page.getByTestId('documents-card');
    await card.waitFor();
    const input = card.locator('input[type=file]');

    await stack.step(page, 'document-upload', async () => {
      await input.setInputFiles({ name: '能耗数据.csv', mimeType: 'text/csv', buffer: Buffer.from('month,kwh\n2024-01,1200\n2024-02,1100\n', 'utf8') });
      const item = page.getByTestId('documents-list').locator('.ant-list-item').first();
      await expect.poll(() => item.innerText().catch(() => ''), { timeout: 5000 }).toContain('.csv');
      const href = await item.locator('a[download]').getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/files\/[0-9a-f-]+\/content$/);
      const body = await page.evaluate((u) => fetch(u).then((r) => r.text()), href!);
      expect(body).toContain('2024-01,1200');
    });

    await stack.step(page, 'document-refused', async () => {
      await input.setInputFiles({
        name: 'tool.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]),
      });
      await page.getByTestId('upload-error').waitFor();
      expect((await page.getByTestId('upload-error').innerText()).trim().length).toBeGreaterThan(0);
    });
  }, 30_000);

  it('the inbox and webhooks pages have English labels', async () => {
    const page = await stack.newPage();
    await signIn(page, 'admin');
    await page.getByTestId('language-toggle').click();
    const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;
    for (const path of ['/inbox', '/webhooks']) {
      await stack.step(page, `english-${path.slice(1)}`, async () => {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const texts = await page.locator('[data-testid=main-menu] li, h1, h2, button:not([data-testid=language-toggle]), th, .ant-tabs-tab').allInnerTexts();
        expect(
          texts.filter((t) => cjk.test(t)),
          path,
        ).toEqual([]);
      });
    }
  }, 30_000);

  it('bank1 creates a user in its organisation; a taken username shows the API message', async () => {
    const page = await stack.newPage({ width: 390, height: 844 });
    await signIn(page, 'bank1');
    await page.goto('/organisations/bank-taiyue/users');
    await page.getByTestId('organisation-users-page').waitFor();
    const create = async (username: string) => {
      await page.getByTestId('create-user').click();
      await page.getByTestId('new-username').fill(username);
      await page.getByTestId('new-display-name').fill('新用户（测试）');
      await page.getByTestId('new-password').fill('a-long-test-password-2024');
      await page.getByTestId('new-roles').getByText('审批').click();
      await page.getByTestId('create-user-submit').click();
    };
    await stack.step(page, 'create-user', async () => {
      await create('bank1-browser-new');
      await page.getByTestId('create-user-submit').waitFor({ state: 'hidden' });
      await expect.poll(() => page.locator('table tbody').innerText(), { timeout: 5000 }).toContain('bank1-browser-new');
    });
    await stack.step(page, 'create-user-taken', async () => {
      await create('bank1');
      await page.getByTestId('create-user-error').waitFor();
      expect((await page.getByTestId('create-user-error').innerText()).trim().length).toBeGreaterThan(0);
    });
  }, 30_000);
});
