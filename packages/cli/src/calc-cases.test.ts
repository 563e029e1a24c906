/** The shared worked cases through the built `cfp calc` (stdin in, JSON out), as users run it. */
import { beforeAll, describe, expect, it } from 'vitest';
import accountingCases from '../../domain/src/accounting/cases/accounting.json' with { type: 'json' };
import labelCases from '../../domain/src/labels/cases/labels.json' with { type: 'json' };
import { buildCli, runCfp } from './testing/spawn-cli.ts';

beforeAll(() => buildCli());

interface Case {
  name: string;
  request: unknown;
  expected?: Record<string, unknown>;
}

describe('cfp calc reproduces the worked cases', () => {
  it.each([
    ['emissions', accountingCases.cases as unknown as Case[]],
    ['label', labelCases.cases as unknown as Case[]],
  ] as const)(
    'calc %s',
    async (calculator, cases) => {
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const r = await runCfp(['calc', calculator, '-'], { input: JSON.stringify(c.request) });
        if (c.expected) {
          expect(r.code, `${c.name}: ${r.stdout}${r.stderr}`).toBe(0);
          expect(JSON.parse(r.stdout), c.name).toMatchObject(c.expected);
        } else {
          expect(r.code, c.name).toBe(2);
        }
      }
    },
    120_000,
  );

  it('answers invalid input with the envelope naming the activity, exit code 2', async () => {
    const r = await runCfp(['calc', 'emissions', '-'], { input: JSON.stringify({ activities: [{ type: 'fuel', fuel: 'bituminous_coal', quantity: 'NaN', unit: 't' }] }) });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'activities.0' }] } } });
  });
});
