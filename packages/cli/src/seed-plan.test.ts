/** `cfp seed --plan`: an action plan loads as the current version (a second load is a new version); an invalid plan names every error. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCfp } from './testing/spawn-cli.ts';

beforeAll(() => buildCli());

describe('cfp seed --plan', () => {
  it('loads the plan with its full text; agencies without an organisation are kept and reported', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'cfp-plan-')) };
    const args = ['seed', '--plan', 'reference/jining-action-plan-2024.json', '--full-text', 'reference/jining-action-plan-2024.txt'];
    const first = await runCfp(args, { env });
    expect(first.code, first.stderr).toBe(0);
    // Nothing but areas and the operator exist here (no demo seed): every agency stays unmapped, none is dropped.
    expect(JSON.parse(first.stdout)).toMatchObject({ version: 1, tasks: 24, unmappedAgencies: expect.arrayContaining(['市发展改革委', '人民银行济宁市分行']) });
    expect(first.stderr).toMatch(/agencies without an organisation/);
    const second = await runCfp(args, { env });
    expect(JSON.parse(second.stdout)).toMatchObject({ version: 2 });
  });

  it('refuses an invalid plan, naming every error, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfp-plan-bad-'));
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify({ meta: { title: '某市方案' }, tasks: [{ no: 1, title: '任务', leads: [] }] }));
    const r = await runCfp(['seed', '--plan', file], { env: { DATA_DIR: dir } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/plan\.meta\.issuer/);
    expect(r.stderr).toMatch(/plan\.tasks\[0\]\.group/);
    expect(r.stderr).toMatch(/plan\.tasks\[0\]\.leads/);
    const good = await runCfp(['seed', '--plan', 'reference/jining-action-plan-2024.json'], { env: { DATA_DIR: dir } });
    expect(JSON.parse(good.stdout)).toMatchObject({ version: 1 });
  });
});
