/**
 * Browser step of the carbon-account dashboards (碳账户看板), run after the carbon-account steps on
 * the bulk-seeded stack: the commission opens the dashboard from its menu, filters to red
 * enterprises of one county that has some (chosen from the data through the API), sees only those
 * in the list, and exports the list as xlsx (parsed with exceljs: the same enterprises as shown)
 * and csv (UTF-8 with the BOM). Then screenshots of the dashboard for drc, eeb and zoucheng at
 * desktop (1440×900) and phone (390×844) width, each with Chinese text and rendered charts.
 *
 * @example await dashboardStep({ stack, pageOf });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type WebStack } from '../web-harness.ts';

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;

interface ListItem {
  enterpriseId: string;
  areaId: string;
  colour: string | null;
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }, path);
}

/** Waits until the dashboard has loaded; returns how many charts have drawn a canvas of non-zero size. */
async function waitForCharts(page: Page): Promise<number> {
  await page.locator('[data-testid="carbon-dashboard"][data-loading="false"]').waitFor({ timeout: 30_000 });
  const canvases = page.locator('[data-testid^="cd-chart-"] canvas');
  await canvases.first().waitFor({ timeout: 30_000 });
  let drawn = 0;
  for (const canvas of await canvases.all()) {
    const box = await canvas.boundingBox();
    if (box && box.width > 0 && box.height > 0) drawn += 1;
  }
  return drawn;
}

/** Rows of the first sheet below the header (the row whose first cell starts with 企业编号). */
async function xlsxEnterpriseIds(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const ids: string[] = [];
  let header = 0;
  sheet.eachRow((row, n) => {
    const first = String(row.getCell(1).value ?? '');
    if (header === 0 && first.startsWith('企业编号')) header = n;
    else if (header !== 0 && first) ids.push(first);
  });
  expect(header, 'the export has a header row').toBeGreaterThan(0);
  return ids;
}

export async function dashboardStep({ stack, pageOf }: { stack: WebStack; pageOf: (username: string) => Promise<Page> }): Promise<void> {
  const drc = await pageOf('drc');

  await stack.step(drc, 'dashboard-filter-and-export', async () => {
    await drc.goto('/home');
    await drc.getByTestId('main-menu').getByText('碳账户看板', { exact: true }).click();
    expect(await waitForCharts(drc)).toBeGreaterThanOrEqual(4);

    // A county with red enterprises, from the data (the one with the most; ties by id).
    const reds = await getJson<{ items: ListItem[]; year: number }>(drc, '/api/v1/carbon-dashboard/enterprises?colour=red&limit=500');
    const byArea = new Map<string, number>();
    for (const item of reds.items) byArea.set(item.areaId, (byArea.get(item.areaId) ?? 0) + 1);
    const [areaId] = [...byArea.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    expect(areaId, 'the demo data has red enterprises').toBeDefined();
    const expected = reds.items
      .filter((i) => i.areaId === areaId)
      .map((i) => i.enterpriseId)
      .sort();
    const overview = await getJson<{ areas: { id: string; nameZh: string }[] }>(drc, '/api/v1/carbon-dashboard/overview');
    const areaName = overview.areas.find((a) => a.id === areaId)!.nameZh;

    await drc.getByTestId('cd-colour-red').click();
    await drc.waitForURL((url) => url.searchParams.get('colour') === 'red');
    await drc.getByTestId('cd-area').click();
    await drc.keyboard.type(areaName);
    await drc.keyboard.press('Enter');
    await drc.waitForURL((url) => url.searchParams.get('areaId') === areaId && url.searchParams.get('colour') === 'red');
    const rows = drc.getByTestId('cd-enterprise-row');
    await expect
      .poll(
        async () => ({
          total: await drc.getByTestId('cd-enterprise-table').getAttribute('data-total'),
          ids: (await rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-enterprise') ?? ''))).sort(),
        }),
        { timeout: 20_000 },
      )
      .toEqual({ total: String(expected.length), ids: expected });
    const shown = await drc
      .getByTestId('cd-enterprise-row')
      .evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-enterprise'), colour: r.getAttribute('data-colour'), area: r.getAttribute('data-area') })));
    expect(shown.every((r) => r.colour === 'red' && r.area === areaId)).toBe(true);
    expect(shown.map((r) => r.id).sort()).toEqual(expected);
    await drc.screenshot({ path: join(stack.shots, 'dashboard-drc-red-county.png'), fullPage: true });

    const [xlsx] = await Promise.all([drc.waitForEvent('download'), drc.getByTestId('cd-export-enterprises-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^碳账户看板-企业名单-\d{4}\.xlsx$/);
    const ids = await xlsxEnterpriseIds(readFileSync((await xlsx.path())!));
    expect(ids.sort()).toEqual(expected);

    const [csv] = await Promise.all([drc.waitForEvent('download'), drc.getByTestId('cd-export-enterprises-csv').click()]);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^企业编号 \(Enterprise id\),企业名称 \(Name\)/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(expected);
  });

  for (const username of ['drc', 'eeb', 'zoucheng']) {
    for (const [device, viewport] of [
      ['desktop', { width: 1440, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = device === 'desktop' ? await pageOf(username) : await stack.newPage(viewport);
      await stack.step(page, `dashboard-${username}-${device}`, async () => {
        if (device === 'phone') await signIn(page, username);
        await page.goto('/carbon-dashboard');
        expect(await waitForCharts(page)).toBeGreaterThanOrEqual(4);
        const text = await page.getByTestId('carbon-dashboard').innerText();
        expect(text).toContain('碳账户看板');
        expect(text).toMatch(cjk);
        if (username === 'zoucheng')
          expect(await page.getByTestId('cd-enterprise-row').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-area') === 'zoucheng'))).toBe(true);
        if (device === 'phone') {
          // The charts stack: one above the other, each nearly the screen's width.
          const a = (await page.getByTestId('cd-card-colours-by-county').boundingBox())!;
          const b = (await page.getByTestId('cd-card-colours-by-sector').boundingBox())!;
          expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
          expect(a.width).toBeGreaterThan(viewport.width * 0.8);
        }
        await page.screenshot({ path: join(stack.shots, `dashboard-${username}-${device}.png`), fullPage: true });
      });
    }
  }
}
