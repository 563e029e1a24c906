/**
 * Browser step of issue 7, part 4 (what-if, 情景模拟): an enterprise opens 情景模拟 from 我的碳账户
 * (or the commission opens it from an enterprise's detail page), sees its baseline label, adds a
 * change, runs it and sees the scenario's colour; then the API shows that nothing was saved (the
 * monitoring label and the months unchanged). Screenshots at desktop and phone width.
 *
 * Default: enterprise1 buys 80 % of its purchased power as green electricity and goes from 橙 to 黄.
 * Run after the carbon-accounts steps (2024 published, enterprise1's 2025-01 imported).
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type WebStack } from '../web-harness.ts';

type Colour = 'green' | 'yellow' | 'orange' | 'red';
const colourZh: Record<Colour, string> = { green: '绿', yellow: '黄', orange: '橙', red: '红' };

export interface WhatIfStepOptions {
  stack: WebStack;
  pageOf: (username: string) => Promise<Page>;
  /** Who runs it: the enterprise itself (default enterprise1) or the commission (`drc`, with `enterpriseId`). */
  username?: string;
  enterpriseId?: string;
  /** The share of purchased electricity that becomes green, percent. */
  greenSharePercent?: string;
  from?: Colour;
  to?: Colour;
}

/** What the API says of the enterprise's account: its labels and months, to compare before and after. */
async function accountState(page: Page, enterpriseId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const labels = (await (await fetch(`/api/v1/enterprises/${id}/labels`)).json()) as {
      items: { id: string; kind: string; period: string; colour: string | null; status: string }[];
    };
    const months = (await (await fetch(`/api/v1/enterprises/${id}/months`)).json()) as { items: { month: string; submissionId: string }[] };
    return JSON.stringify({ labels: labels.items.map((l) => [l.id, l.kind, l.period, l.colour, l.status]), months: months.items.map((m) => [m.month, m.submissionId]) });
  }, enterpriseId);
}

/** The input of an antd InputNumber found by its test id (on the input itself or its wrapper). */
async function inputOf(page: Page, testId: string) {
  const field = page.getByTestId(testId);
  return (await field.evaluate((el) => el.tagName)) === 'INPUT' ? field : field.locator('input');
}

async function runOnPage(page: Page, options: { open: () => Promise<void>; share: string; from: Colour; to: Colour; checkFieldError?: boolean }): Promise<void> {
  await options.open();
  await page.getByTestId('what-if-page').waitFor();
  await expect.poll(() => page.getByTestId('what-if-not-saved').innerText()).toContain('模拟结果不保存');
  const baseline = page.getByTestId('what-if-baseline-label');
  await baseline.waitFor({ timeout: 30_000 });
  expect(await baseline.getAttribute('data-colour')).toBe(options.from);
  expect(await baseline.innerText()).toContain(colourZh[options.from]);
  await page.getByTestId('what-if-add-green_electricity').click();
  const change = page.getByTestId('what-if-change-0');
  if (options.checkFieldError) {
    // More green power than was purchased: the server's message appears beside the MWh field.
    await change.getByText('按电量', { exact: true }).click();
    const mwh = await inputOf(page, 'what-if-0-mwh');
    await mwh.fill('999999999');
    await mwh.blur();
    await page.getByTestId('what-if-run').click();
    await expect.poll(() => page.getByTestId('what-if-error-0-mwh').innerText(), { timeout: 15_000 }).toContain('MWh');
    await change.getByText('按比例', { exact: true }).click();
  }
  const input = await inputOf(page, 'what-if-0-sharePercent');
  await input.fill(options.share);
  await input.blur();
  await page.getByTestId('what-if-run').click();
  await expect.poll(() => page.getByTestId('what-if-result').getAttribute('data-scenario-colour'), { timeout: 30_000 }).toBe(options.to);
  expect(await page.getByTestId('what-if-scenario-label').innerText()).toContain(colourZh[options.to]);
  expect(await page.getByTestId('what-if-baseline-label').getAttribute('data-colour')).toBe(options.from);
  await page.getByTestId('what-if-source-chart').locator('canvas').waitFor();
  expect(await page.getByTestId('what-if-applied').innerText()).toContain('绿色电力');
}

export async function whatIfStep(options: WhatIfStepOptions): Promise<void> {
  const { stack } = options;
  const username = options.username ?? 'enterprise1';
  const own = options.enterpriseId === undefined;
  const enterpriseId = options.enterpriseId ?? 'ent-001';
  const share = options.greenSharePercent ?? '80';
  const from = options.from ?? 'orange';
  const to = options.to ?? 'yellow';
  const page = await options.pageOf(username);
  const before = await accountState(page, enterpriseId);

  const open = (p: Page) => async () => {
    await p.goto(own ? '/carbon-account' : `/enterprises/${enterpriseId}`);
    await p.getByTestId('what-if-open').click();
  };
  await stack.step(page, 'what-if-desktop', async () => {
    await runOnPage(page, { open: open(page), share, from, to, checkFieldError: true });
    await page.screenshot({ path: join(stack.shots, `what-if-${username}.png`), fullPage: true });
  });

  const phone = await stack.newPage({ width: 390, height: 844 });
  await signIn(phone, username);
  await stack.step(phone, 'what-if-phone', async () => {
    await runOnPage(phone, { open: open(phone), share, from, to });
    await phone.screenshot({ path: join(stack.shots, `what-if-${username}-phone.png`), fullPage: true });
  });

  await stack.step(page, 'what-if-nothing-saved', async () => {
    expect(await accountState(page, enterpriseId)).toBe(before);
  });
}
