/**
 * Browser step of issue 8 (行动方案督办), on the bulk-seeded platform after the carbon-account steps:
 * - drc opens 行动方案督办 from the menu, then task 2, and adds two milestones: one due in two months
 *   (then marked done with a note and an evidence file) and one due ten days ago (overdue);
 * - the ecology bureau opens task 2 and sees no edit controls (its direct API call to add a
 *   milestone is refused with 403 FORBIDDEN), then submits its report for task 7 with an evidence
 *   file through the page; the finance bureau, sole lead of task 14, submits one through the API;
 * - drc returns the ecology bureau's report with a comment and accepts the finance bureau's; the
 *   ecology bureau sees 已退回 with the comment; after drc runs the reminders, the ecology bureau's
 *   reminder about task 7 in its inbox opens the task;
 * - the leading-group dashboard shows the overdue milestone in red; the computed indicator
 *   "enterprises with carbon accounts" of task 2 (attached by drc through the page when the demo
 *   data has none) equals the count read from the carbon-account API;
 * - the PDF report downloads and its text holds all 21 task titles of the plan file; the xlsx
 *   downloads and parses with all 21 titles. Screenshots of the dashboard and the task page at
 *   desktop and phone width.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfText } from '../../../packages/server/src/testing/pdf-text.ts';
import { signIn, tokenFor, type WebStack } from '../web-harness.ts';

export interface SupervisionStepOptions {
  stack: WebStack;
  pageOf: (username: string) => Promise<Page>;
}

interface PlanFile {
  tasks: { no: number | string; title: string }[];
  safeguards: { id: string; title: string }[];
}

interface TaskRead {
  code: string;
  milestones: { id: string; title: string; state: string; dueDate: string }[];
  indicators: { id: string; kind: string; metric: string | null; current: { value: string } | null }[];
  latestReport: { id: string; status: string; evidenceFileIds: string[] } | null;
  viewer: { canManage: boolean; canReport: boolean; canContribute: boolean };
}

const planPath = join(import.meta.dirname, '../../../reference/jining-action-plan-2024.json');
const red = 'rgb(207, 19, 34)';
const returnComment = '请补充全国碳市场履约清缴完成情况及佐证材料后重新报送。';

/** A business date (Asia/Shanghai) `days` from today. */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The quarter before today's (the period reminders ask for). */
function lastQuarter(): string {
  const today = dayFromToday(0);
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

/** A write through the page's own session (cookie + CSRF token), answering the status and the body. */
async function writeAs(
  page: Page,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
): Promise<{ status: number; body: { error?: { code: string } } & Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const r = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json().catch(() => ({}))) as { error?: { code: string } } & Record<string, unknown> };
    },
    { method, path, body },
  );
}

async function taskOf(page: Page, code: string): Promise<TaskRead> {
  return page.evaluate(async (code) => (await (await fetch(`/api/v1/supervision/tasks/${code}`)).json()) as TaskRead, code);
}

/** Whitespace-free text, so a title wrapped over two lines of a PDF table cell still matches. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

export async function supervisionStep({ stack, pageOf }: SupervisionStepOptions): Promise<void> {
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as PlanFile;
  expect(plan.tasks).toHaveLength(21);
  const futureTitle = '完成重点企业碳账户扩面至全部规上工业企业';
  const pastTitle = '完成碳账户数据质量抽查';
  const future = dayFromToday(60);
  const past = dayFromToday(-10);
  const drc = await pageOf('drc');

  await stack.step(drc, 'supervision-drc-milestones', async () => {
    await drc.goto('/home');
    await drc.getByTestId('main-menu').getByText('行动方案督办', { exact: true }).click();
    await drc.getByTestId('supervision-page').waitFor();
    await drc.getByTestId('sv-plan-title').waitFor();
    await drc.getByTestId('sv-task-link-2').click();
    await drc.getByTestId('supervision-task-page').waitFor();
    expect(await drc.getByTestId('sv-task-title').innerText()).toContain('建立重点企业工业碳账户');
    for (const [title, due] of [
      [futureTitle, future],
      [pastTitle, past],
    ] as const) {
      await drc.getByTestId('sv-milestone-add').click();
      await drc.getByTestId('sv-milestone-title').fill(title);
      await drc.getByTestId('sv-milestone-due').fill(due);
      await drc.getByTestId('sv-milestone-submit').click();
      await drc.getByTestId('sv-milestone-row').filter({ hasText: title }).waitFor();
    }
    // The owner (here the commission itself) marks the future one done, with a note and evidence.
    const futureRow = drc.getByTestId('sv-milestone-row').filter({ hasText: futureTitle });
    await futureRow.locator('[data-testid^="sv-milestone-done-"]').click();
    await drc.getByTestId('sv-milestone-done-note').fill('已完成扩面方案并报市政府（浏览器测试）');
    await drc
      .getByTestId('sv-milestone-evidence')
      .locator('input[type=file]')
      .setInputFiles({ name: '扩面方案.csv', mimeType: 'text/csv', buffer: Buffer.from('企业,状态\n示例企业,已建账户\n', 'utf8') });
    await drc.getByTestId('sv-milestone-evidence').getByText('扩面方案.csv').waitFor();
    await drc.getByTestId('sv-milestone-done-submit').click();
    await expect.poll(() => futureRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
    expect(await futureRow.getByTestId('sv-evidence-links').locator('a').count()).toBe(1);
    const overdueRow = drc.getByTestId('sv-milestone-row').filter({ hasText: pastTitle });
    expect(await overdueRow.getAttribute('data-state')).toBe('overdue');
    const task2 = await taskOf(drc, '2');
    expect(task2.milestones.find((m) => m.title === pastTitle)).toMatchObject({ dueDate: past, state: 'overdue' });
    expect(task2.viewer.canManage).toBe(true);
  });

  const eeb = await pageOf('eeb');
  await stack.step(eeb, 'supervision-eeb-read-only', async () => {
    await eeb.goto('/supervision/tasks/2');
    await eeb.getByTestId('supervision-task-page').waitFor();
    await eeb.getByTestId('sv-milestone-row').filter({ hasText: pastTitle }).waitFor();
    // A partner of task 2: it reads everything, manages nothing and reports nothing.
    for (const testId of ['sv-milestone-add', 'sv-indicator-add', 'sv-report-new']) expect(await eeb.getByTestId(testId).count(), testId).toBe(0);
    expect(await eeb.locator('[data-testid^="sv-milestone-edit-"]').count()).toBe(0);
    expect(await eeb.locator('[data-testid^="sv-report-accept-"], [data-testid^="sv-report-return-"]').count()).toBe(0);
    const refused = await writeAs(eeb, 'POST', '/api/v1/supervision/tasks/2/milestones', { title: '生态环境局越权添加', ownerOrganisationId: 'gov-eeb', dueDate: future });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('FORBIDDEN');
    expect((await taskOf(eeb, '2')).milestones.some((m) => m.title === '生态环境局越权添加')).toBe(false);
  });

  const period = lastQuarter();
  let eebReportId = '';
  await stack.step(eeb, 'supervision-eeb-report', async () => {
    await eeb.goto('/supervision/tasks/7');
    await eeb.getByTestId('supervision-task-page').waitFor();
    await eeb.getByTestId('sv-report-new').click();
    await eeb.getByTestId('sv-report-narrative').fill('本季度组织重点排放单位完成全国碳市场配额清缴，开展碳排放数据质量专项检查 3 次。');
    await eeb.getByTestId('sv-report-claimed').getByText('正常推进', { exact: true }).click();
    // Evidence through the files API (the bytes' type is checked by the server).
    await eeb
      .getByTestId('sv-report-evidence')
      .locator('input[type=file]')
      .setInputFiles({ name: '配额清缴情况.csv', mimeType: 'text/csv', buffer: Buffer.from('重点排放单位,清缴状态\n示例电厂,已完成\n', 'utf8') });
    await eeb.getByTestId('sv-report-evidence').getByText('配额清缴情况.csv').waitFor();
    await eeb.getByTestId('sv-report-submit').click();
    await expect.poll(async () => (await taskOf(eeb, '7')).latestReport?.status, { timeout: 10_000 }).toBe('submitted');
    eebReportId = (await taskOf(eeb, '7')).latestReport!.id;
    expect((await taskOf(eeb, '7')).latestReport!.evidenceFileIds).toHaveLength(1);
    await eeb.getByTestId(`sv-report-${eebReportId}`).waitFor();
    expect(await eeb.getByTestId(`sv-report-${eebReportId}`).getAttribute('data-status')).toBe('submitted');
  });

  // The second report another way: the finance bureau, sole lead of task 14, through the API.
  const financeToken = await tokenFor(stack.url, 'finance');
  const created = await fetch(`${stack.url}/api/v1/supervision/tasks/14/reports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${financeToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ period, claimedStatus: 'on_track', narrative: '市级政府性融资担保机构本季度新增绿色低碳项目担保 5 笔。', submit: true }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const financeReport = (await created.json()) as { id: string; status: string };
  expect(financeReport.status).toBe('submitted');

  await stack.step(drc, 'supervision-drc-review', async () => {
    await drc.goto('/supervision/tasks/7');
    await drc.getByTestId('supervision-task-page').waitFor();
    await drc.getByTestId(`sv-report-return-${eebReportId}`).click();
    await drc.getByTestId('sv-review-comment').fill(returnComment);
    await drc.getByTestId('sv-review-submit').click();
    await expect.poll(() => drc.getByTestId(`sv-report-${eebReportId}`).getAttribute('data-status'), { timeout: 10_000 }).toBe('returned');

    await drc.goto('/supervision/tasks/14');
    await drc.getByTestId('supervision-task-page').waitFor();
    await drc.getByTestId(`sv-report-accept-${financeReport.id}`).click();
    await drc.getByTestId('sv-review-submit').click();
    await expect.poll(() => drc.getByTestId(`sv-report-${financeReport.id}`).getAttribute('data-status'), { timeout: 10_000 }).toBe('accepted');
  });

  await stack.step(eeb, 'supervision-eeb-returned', async () => {
    await eeb.goto('/supervision/tasks/7');
    const row = eeb.getByTestId(`sv-report-${eebReportId}`);
    await row.waitFor();
    expect(await row.getByTestId('sv-report-status').innerText()).toBe('已退回');
    expect(await row.getByTestId('sv-report-review').innerText()).toContain(returnComment);
    // Returned: the lead may edit and resubmit it.
    await eeb.getByTestId(`sv-report-edit-${eebReportId}`).waitFor();
    // The plan's own text beside the task, and the whole text with the task's paragraph marked.
    expect(await eeb.getByTestId('sv-task-excerpt').innerText()).toContain('积极参与碳交易市场');
    await eeb.getByTestId('sv-full-text-open').click();
    expect((await eeb.getByTestId('sv-full-text-mark').innerText()).replace(/\s+/g, '')).toContain('积极参与碳交易市场。按照省部署要求');
    await eeb.keyboard.press('Escape');
  });

  await stack.step(eeb, 'supervision-reminders', async () => {
    // The commission runs the reminders (also a daily job): the ecology bureau, lead of task 7, is
    // reminded of it (its report is returned, so still missing); the inbox item opens the task.
    const run = await writeAs(drc, 'POST', '/api/v1/supervision/reminders/run', {});
    expect(run.status, JSON.stringify(run.body)).toBeLessThan(300);
    await eeb.goto('/inbox');
    await eeb.getByTestId('inbox-page').waitFor();
    const item = eeb
      .getByTestId('inbox-item')
      .filter({ hasText: /督办提醒.*任务\s*7\D/ })
      .first();
    await item.waitFor();
    await item.locator('.ant-list-item-meta-title a').click();
    await eeb.getByTestId('supervision-task-page').waitFor();
    expect(new URL(eeb.url()).pathname).toBe('/supervision/tasks/7');
  });

  await stack.step(drc, 'supervision-dashboard', async () => {
    await drc.goto('/supervision');
    await drc.getByTestId('supervision-page').waitFor();
    const overdue = drc.getByTestId('sv-task-2').getByTestId('sv-overdue-milestone').filter({ hasText: pastTitle });
    await overdue.waitFor();
    expect(await overdue.getAttribute('data-state')).toBe('overdue');
    // The root tsconfig has no DOM types: reach the browser's getComputedStyle through the element's window.
    expect(
      await overdue.evaluate((el) => {
        const view = (el as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { color: string } } } }).ownerDocument.defaultView;
        return view.getComputedStyle(el).color;
      }),
    ).toBe(red);
    expect(await drc.getByTestId('sv-task-2').getAttribute('data-status')).toBe('overdue');
    expect(Number(await drc.getByTestId('sv-count-overdue').locator('.ant-statistic-content-value').innerText())).toBeGreaterThanOrEqual(1);
    await drc.locator('[data-testid=sv-status-chart] canvas').waitFor();
    // Every task and safeguard is on the dashboard.
    for (const t of plan.tasks) await drc.getByTestId(`sv-task-${t.no}`).waitFor({ state: 'attached' });
    await drc.screenshot({ path: join(stack.shots, 'supervision-dashboard-desktop.png'), fullPage: true });
  });

  await stack.step(drc, 'supervision-carbon-account-indicator', async () => {
    if (!(await taskOf(drc, '2')).indicators.some((i) => i.metric === 'enterprises_with_carbon_accounts')) {
      // Not in the demo data: the commission attaches it through the page.
      await drc.goto('/supervision/tasks/2');
      await drc.getByTestId('sv-indicator-add').click();
      await drc.locator('.ant-modal').getByText('平台数据自动计算', { exact: true }).click();
      await drc.getByTestId('sv-indicator-metric').click();
      await drc.locator('.ant-select-item-option').filter({ hasText: '碳账户' }).first().click();
      await drc.getByTestId('sv-indicator-submit').click();
      await drc.locator('[data-metric=enterprises_with_carbon_accounts]').waitFor();
    }
    const task2 = await taskOf(drc, '2');
    const indicator = task2.indicators.find((i) => i.metric === 'enterprises_with_carbon_accounts');
    expect(indicator, 'task 2 has the computed indicator enterprises_with_carbon_accounts').toBeDefined();
    // The carbon-account module's own count: enterprises of the registry with an annual or a rolling 12-month account.
    const count = await drc.evaluate(async () => {
      const { items } = (await (await fetch('/api/v1/enterprises')).json()) as { items: { id: string }[] };
      let withAccounts = 0;
      for (const e of items) {
        const accounts = (await (await fetch(`/api/v1/enterprises/${encodeURIComponent(e.id)}/accounts`)).json()) as { items: { periodType: string }[] };
        if (accounts.items.some((a) => a.periodType === 'year' || a.periodType === 'rolling12')) withAccounts += 1;
      }
      return withAccounts;
    });
    expect(count).toBeGreaterThan(0);
    expect(indicator!.current?.value).toBe(String(count));
    await drc.goto('/supervision/tasks/2');
    await drc.getByTestId(`sv-indicator-current-${indicator!.id}`).waitFor();
    expect(await drc.getByTestId(`sv-indicator-current-${indicator!.id}`).getAttribute('data-value')).toBe(String(count));
    expect(await drc.getByTestId(`sv-indicator-${indicator!.id}`).innerText()).toContain('平台数据自动计算');
    await drc.screenshot({ path: join(stack.shots, 'supervision-task-desktop.png'), fullPage: true });
  });

  await stack.step(drc, 'supervision-pdf', async () => {
    await drc.goto('/supervision');
    await drc.getByTestId('sv-plan-title').waitFor();
    const [download] = await Promise.all([drc.waitForEvent('download', { timeout: 60_000 }), drc.getByTestId('sv-download-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = join(stack.shots, 'supervision-leading-group-report.pdf');
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = squeeze((await pdfText(bytes)).text);
    const missing = plan.tasks.filter((t) => !text.includes(squeeze(t.title))).map((t) => `${t.no} ${t.title}`);
    expect(missing).toEqual([]);
    expect(text).toContain(squeeze(pastTitle));
  });

  await stack.step(drc, 'supervision-xlsx', async () => {
    const [download] = await Promise.all([drc.waitForEvent('download', { timeout: 60_000 }), drc.getByTestId('sv-download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const cells = new Set<string>();
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.add(squeeze(String(cell.text))))));
    const missing = plan.tasks.filter((t) => !cells.has(squeeze(t.title))).map((t) => `${t.no} ${t.title}`);
    expect(missing).toEqual([]);
  });

  const phone = await stack.newPage({ width: 390, height: 844 });
  await signIn(phone, 'drc');
  await stack.step(phone, 'supervision-phone', async () => {
    await phone.goto('/supervision');
    await phone.getByTestId('sv-task-2').getByTestId('sv-overdue-milestone').first().waitFor();
    await phone.locator('[data-testid=sv-status-chart] canvas').waitFor();
    await phone.screenshot({ path: join(stack.shots, 'supervision-dashboard-phone.png'), fullPage: true });
    await phone.goto('/supervision/tasks/2');
    await phone.getByTestId('sv-milestone-row').filter({ hasText: pastTitle }).waitFor();
    await phone.screenshot({ path: join(stack.shots, 'supervision-task-phone.png'), fullPage: true });
  });
}
