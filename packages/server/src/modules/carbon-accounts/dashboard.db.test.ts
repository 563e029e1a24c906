/**
 * Carbon-account dashboards through the API: filters, a county's scope, roles that may not look,
 * totals that agree with the registry, the colour list and the accounts, exports that parse back
 * (xlsx with exceljs, csv with its BOM) with formula-like names neutralised, bad filters refused.
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { monthsBetween, shippedReferenceLibrary } from '@cfp/domain';
import type { CarbonAccount, DashboardEnterpriseItem, DashboardOverview, Enterprise } from '@cfp/contracts';
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { carbonAccountService } from './account-service.ts';
import { demoEnterprises, demoMonthInput } from './demo-seed.ts';

let t: TestPlatform;
type ErrorBody = { error?: { code: string } };
type List = { year: number; total: number; items: DashboardEnterpriseItem[] };

const chosen = demoEnterprises().slice(0, 12);
/** Its months stop in 2024-02: incomplete for 2024 (the test clock's latest complete month is 2024-05). */
const shortOne = chosen[11]!;
let worsened = '';
const formulaName = '=HYPERLINK("http://example.invalid","点我")';

async function download(username: string, path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const response = await t.platform.app.request(path, { headers: { authorization: `Bearer ${await t.tokenFor(username)}` } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

/** Data rows of the first sheet as header label → text, below the title and notes. */
async function xlsxRows(bytes: Uint8Array): Promise<Record<string, string>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  let headerRow = 0;
  sheet.eachRow((row, n) => {
    if (headerRow === 0 && String(row.getCell(1).value ?? '').startsWith('企业编号')) headerRow = n;
  });
  const header = (sheet.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Record<string, string>[] = [];
  for (let n = headerRow + 1; n <= sheet.rowCount; n++) {
    const values = sheet.getRow(n).values as unknown[];
    if (!values.length) continue;
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])]).filter(([h]) => h)));
  }
  return rows;
}

beforeAll(async () => {
  t = await testPlatform();
  const service = carbonAccountService(t.platform);
  for (const e of chosen) {
    const months = monthsBetween('2023-01', e.id === shortOne.id ? '2024-02' : '2024-12');
    await t.db.inTransaction(() =>
      service.submitMonths({ enterpriseId: e.id, channel: 'demo', submittedBy: null, library: shippedReferenceLibrary, months: months.map((m) => demoMonthInput(e, m)) }),
    );
  }
  for (const year of [2023, 2024]) {
    expect((await t.as('drc')('POST', '/api/v1/labels/drafts', { body: { year } })).status).toBe(200);
    expect((await t.as('drc')('POST', '/api/v1/labels/publications', { body: { year } })).status).toBe(201);
  }
  // The province lists two enterprises for 2024: one with the city's colour, one with another.
  const published = await t.db.query<{ enterprise_id: string; colour: string; uscc: string }>(
    `select l.enterprise_id, l.colour, o.uscc from enterprise_labels l join organisations o on o.id = l.enterprise_id
      where l.period = '2024' and l.status = 'published' and l.colour is not null order by l.enterprise_id limit 2`,
  );
  const [same, other] = published;
  for (const [row, colour] of [
    [same!, same!.colour],
    [other!, other!.colour === 'red' ? 'green' : 'red'],
  ] as const) {
    await t.db.query(`insert into provincial_list_entries (list_year, uscc, enterprise_id, name_zh, colour, imported_at) values (2024, $1, $2, '省级名单', $3, now())`, [
      row.uscc,
      row.enterprise_id,
      colour,
    ]);
  }
  await t.db.query(`update organisations set name_zh = $1 where id = $2`, [formulaName, chosen[1]!.id]);
  // One red enterprise of 2024 was yellow in 2023: a mover that worsened.
  const [red] = await t.db.query<{ enterprise_id: string }>(
    `select enterprise_id from enterprise_labels where period = '2024' and status = 'published' and colour = 'red' order by 1 limit 1`,
  );
  worsened = red!.enterprise_id;
  await t.db.query(`update enterprise_labels set colour = 'yellow' where period = '2023' and status = 'published' and enterprise_id = $1`, [worsened]);
}, 300_000);
afterAll(() => t.close());

describe('the enterprise list', () => {
  it('the commission sees every registered enterprise; totals agree with the registry, the colour list and the accounts', async () => {
    const list = await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&limit=500');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const registry = await t.as('drc')<{ items: Enterprise[] }>('GET', '/api/v1/enterprises');
    expect(list.body.total).toBe(registry.body.items.length);
    expect(list.body.items.map((i) => i.enterpriseId)).toEqual(registry.body.items.map((e) => e.id).sort());
    const labels = await t.as('drc')<{ items: { enterpriseId: string; colour: string | null }[] }>('GET', '/api/v1/labels?year=2024');
    const colourOf = new Map(labels.body.items.map((l) => [l.enterpriseId, l.colour]));
    for (const item of list.body.items) expect(item.officialColour).toBe(colourOf.get(item.enterpriseId) ?? null);
    for (const e of chosen.slice(0, 4)) {
      const account = await t.as('drc')<CarbonAccount>('GET', `/api/v1/enterprises/${e.id}/accounts/2024`);
      const item = list.body.items.find((i) => i.enterpriseId === e.id)!;
      expect(item.emissionsTco2e).toBe(new Decimal(account.body.emissionsTco2e).toFixed(3));
    }
    const withoutData = list.body.items.filter((i) => !chosen.some((c) => c.id === i.enterpriseId));
    expect(withoutData.every((i) => i.monthsSubmitted === 0 && i.colour === null && i.complete === false)).toBe(true);
  });

  it('filters: colour and county together, completeness, conflict, search; pages keep the total', async () => {
    const all = (await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&limit=500')).body.items;
    const coloured = all.find((i) => i.colour !== null)!;
    const path = `/api/v1/carbon-dashboard/enterprises?year=2024&colour=${coloured.colour}&areaId=${coloured.areaId}`;
    const filtered = await t.as('drc')<List>('GET', path);
    const expected = all.filter((i) => i.colour === coloured.colour && i.areaId === coloured.areaId);
    expect(filtered.body.items.map((i) => i.enterpriseId)).toEqual(expected.map((i) => i.enterpriseId));
    const colourList = await t.as('drc')<{ items: unknown[] }>('GET', `/api/v1/labels?year=2024&colour=${coloured.colour}&areaId=${coloured.areaId}`);
    expect(filtered.body.total).toBe(colourList.body.items.length);

    const incomplete = await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&complete=false&limit=500');
    expect(incomplete.body.items.map((i) => i.enterpriseId)).toContain(shortOne.id);
    expect(incomplete.body.items.find((i) => i.enterpriseId === shortOne.id)).toMatchObject({ monthsSubmitted: 2, monthsExpected: 5, complete: false });
    const conflicts = await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&conflict=true');
    expect(conflicts.body.total).toBe(1);
    expect(conflicts.body.items[0]!.provincialColour).not.toBe(conflicts.body.items[0]!.officialColour);
    const searched = await t.as('drc')<List>('GET', `/api/v1/carbon-dashboard/enterprises?year=2024&q=${encodeURIComponent(chosen[2]!.nameZh.slice(-8))}`);
    expect(searched.body.items.map((i) => i.enterpriseId)).toContain(chosen[2]!.id);
    const page = await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&limit=5&offset=5');
    expect(page.body.items.map((i) => i.enterpriseId)).toEqual(all.slice(5, 10).map((i) => i.enterpriseId));
    expect(page.body.total).toBe(all.length);
  });

  it('a county government sees its area only; another area answers empty', async () => {
    const county = await t.as('zoucheng')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&limit=500');
    expect(county.status).toBe(200);
    expect(county.body.total).toBeGreaterThan(0);
    expect(county.body.items.every((i) => i.areaId === 'zoucheng')).toBe(true);
    const registry = await t.as('zoucheng')<{ items: Enterprise[] }>('GET', '/api/v1/enterprises');
    expect(county.body.total).toBe(registry.body.items.length);
    const other = await t.as('zoucheng')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&areaId=yanzhou');
    expect(other.body).toMatchObject({ total: 0, items: [] });
    const overview = await t.as('zoucheng')<DashboardOverview>('GET', '/api/v1/carbon-dashboard/overview?year=2024');
    expect(overview.body.colours.byCounty.map((r) => r.key)).toEqual(['zoucheng']);
    expect(overview.body.areas.map((a) => a.id)).toEqual(['zoucheng']);
    const csv = await download('zoucheng', '/api/v1/carbon-dashboard/exports/enterprises?format=csv&year=2024&areaId=yanzhou');
    expect(new TextDecoder().decode(csv.bytes).trim().split('\r\n')).toHaveLength(1);
  });

  it('banks, enterprises and residents are refused; regulators see aggregates only', async () => {
    for (const user of ['bank1', 'enterprise1', 'resident1']) {
      expect((await t.as(user)('GET', '/api/v1/carbon-dashboard/enterprises')).status).toBe(403);
      expect((await t.as(user)('GET', '/api/v1/carbon-dashboard/overview')).status).toBe(403);
      expect((await download(user, '/api/v1/carbon-dashboard/exports/colours-by-county')).status).toBe(403);
    }
    expect((await t.as('pboc')('GET', '/api/v1/carbon-dashboard/enterprises')).status).toBe(403);
    expect((await download('pboc', '/api/v1/carbon-dashboard/exports/enterprises')).status).toBe(403);
    expect((await download('pboc', '/api/v1/carbon-dashboard/exports/conflicts')).status).toBe(403);
    expect((await download('pboc', '/api/v1/carbon-dashboard/exports/colours-by-county')).status).toBe(200);
    const overview = await t.as('pboc')<DashboardOverview>('GET', '/api/v1/carbon-dashboard/overview?year=2024');
    expect(overview.status).toBe(200);
    expect(overview.body.scope).toEqual({ areaId: null, enterpriseLevel: false });
    expect(overview.body.colours.totals.total).toBeGreaterThan(0);
    expect(overview.body.changes).toEqual([]);
    expect(overview.body.conflicts).toEqual([]);
    expect(overview.body.completeness.incomplete).toEqual([]);
  });

  it('a bad filter is 400 VALIDATION_FAILED', async () => {
    for (const query of ['colour=purple', 'division=4', 'limit=0', 'year=1800', 'complete=yes', 'labelSource=draft']) {
      const r = await t.as('drc')<ErrorBody>('GET', `/api/v1/carbon-dashboard/enterprises?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.as('drc')<ErrorBody>('GET', '/api/v1/carbon-dashboard/exports/everything')).status).toBe(400);
    expect((await t.as('drc')<ErrorBody>('GET', '/api/v1/carbon-dashboard/exports/trend?format=pdf')).body.error?.code).toBe('VALIDATION_FAILED');
  });
});

describe('the overview', () => {
  it('colour counts equal the colour list; the change counts the movers; conflicts and completeness', async () => {
    const overview = await t.as('drc')<DashboardOverview>('GET', '/api/v1/carbon-dashboard/overview?year=2024');
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    const o = overview.body;
    expect(o).toMatchObject({ year: 2024, asOfMonth: '2024-05', units: { emissions: 'tCO2e', intensity: 'tCO2e/万元' } });
    const labels = await t.as('drc')<{ counts: Record<string, number> }>('GET', '/api/v1/labels?year=2024');
    for (const colour of ['green', 'yellow', 'orange', 'red'] as const) expect(o.colours.totals.counts[colour], colour).toBe(labels.body.counts[colour] ?? 0);
    const labels2023 = await t.as('drc')<{ counts: Record<string, number> }>('GET', '/api/v1/labels?year=2023');
    for (const colour of ['green', 'yellow', 'orange', 'red'] as const) expect(o.colours.totals.previous[colour], colour).toBe(labels2023.body.counts[colour] ?? 0);
    expect(o.colours.bySector.reduce((s, r) => s + r.total, 0)).toBe(o.enterpriseCount);
    expect(o.changes.filter((c) => c.change === 'improved').length).toBe(o.colours.totals.improved);
    expect(o.changes.filter((c) => c.change === 'worsened').length).toBe(o.colours.totals.worsened);
    expect(o.changes[0]).toMatchObject({ enterpriseId: worsened, change: 'worsened', previousColour: 'yellow', officialColour: 'red' });
    const area = o.colours.byCounty.find((r) => r.key === o.changes[0]!.areaId)!;
    expect(area.worsened).toBe(1);
    expect(area.previous.yellow).toBe(1);
    expect(o.conflicts).toHaveLength(1);
    expect(o.completeness.incomplete.map((e) => e.enterpriseId)).toContain(shortOne.id);
    expect(o.completeness.total.monthsExpected).toBe(o.enterpriseCount * 5);
  });

  it('trend: the year is the sum of the enterprises’ annual accounts; intensity is Σ emissions ÷ Σ value added', async () => {
    const o = (await t.as('drc')<DashboardOverview>('GET', '/api/v1/carbon-dashboard/overview?year=2024')).body;
    expect(o.trend.monthly).toHaveLength(24);
    expect(o.trend.monthly.at(-1)!.period).toBe('2024-05');
    const list = (await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2023&limit=500')).body.items;
    const sum2023 = list.reduce((s, i) => (i.emissionsTco2e ? s.plus(i.emissionsTco2e) : s), new Decimal(0));
    const year2023 = o.trend.yearly.find((p) => p.period === '2023')!;
    // Annual accounts are rounded to 3 decimals per enterprise; the trend sums unrounded months.
    expect(
      new Decimal(year2023.emissionsTco2e)
        .minus(sum2023)
        .abs()
        .lte(0.0005 * chosen.length),
    ).toBe(true);
    const va2023 = list.reduce((s, i) => (i.valueAdded10kCny ? s.plus(i.valueAdded10kCny) : s), new Decimal(0));
    expect(year2023.valueAdded10kCny).toBe(va2023.toFixed(4));
    const ratio = new Decimal(year2023.emissionsTco2e).div(year2023.valueAdded10kCny);
    expect(new Decimal(year2023.intensity!).minus(ratio).abs().lt(0.00001)).toBe(true);
  });
});

describe('exports', () => {
  it('the list as xlsx parses back to the same rows; the formula-like name is neutralised; a Chinese file name', async () => {
    const list = (await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&limit=500')).body.items;
    const file = await download('drc', '/api/v1/carbon-dashboard/exports/enterprises?format=xlsx&year=2024');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('碳账户看板'));
    const rows = await xlsxRows(file.bytes);
    expect(rows.map((r) => r['企业编号 (Enterprise id)'])).toEqual(list.map((i) => i.enterpriseId));
    const named = rows.find((r) => r['企业编号 (Enterprise id)'] === chosen[1]!.id)!;
    expect(named['企业名称 (Name)']).toBe(`'${formulaName}`);
    const first = rows.find((r) => r['企业编号 (Enterprise id)'] === list[0]!.enterpriseId)!;
    expect(first['排放量（tCO2e） (Emissions (tCO2e))'] ?? '').toBe(list[0]!.emissionsTco2e === null ? '' : String(Number(list[0]!.emissionsTco2e)));
  });

  it('every dataset exports as csv with the BOM and a bilingual header', async () => {
    for (const dataset of ['enterprises', 'colours-by-county', 'colours-by-sector', 'colour-changes', 'trend', 'completeness', 'conflicts']) {
      const file = await download('drc', `/api/v1/carbon-dashboard/exports/${dataset}?format=csv&year=2024`);
      expect(file.status, dataset).toBe(200);
      expect([...file.bytes.slice(0, 3)], dataset).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(file.bytes).slice(1).trim().split('\r\n');
      expect(lines[0], dataset).toMatch(/[\u4e00-\u9fff].*\(/);
      if (dataset === 'conflicts') expect(lines).toHaveLength(2);
      if (dataset === 'trend') expect(lines.length).toBeGreaterThan(24);
    }
    const csv = new TextDecoder().decode((await download('drc', '/api/v1/carbon-dashboard/exports/enterprises?format=csv&year=2024')).bytes);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    const red = new TextDecoder().decode((await download('drc', '/api/v1/carbon-dashboard/exports/enterprises?format=csv&year=2024&colour=red&limit=1')).bytes);
    const redCount = (await t.as('drc')<List>('GET', '/api/v1/carbon-dashboard/enterprises?year=2024&colour=red')).body.total;
    expect(red.trim().split('\r\n')).toHaveLength(redCount + 1);
  });
});
