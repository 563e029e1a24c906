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
      // The whole file in one process (--jsonl): one output line per case, in order.
      const r = await runCfp(['calc', calculator, '--jsonl', '-'], { input: cases.map((c) => JSON.stringify(c.request)).join('\n') });
      const lines = r.stdout.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(cases.length);
      for (const [i, c] of cases.entries()) {
        const answer = JSON.parse(lines[i]!) as Record<string, unknown>;
        if (c.expected) expect(answer, `${c.name}: ${lines[i]}`).toMatchObject(c.expected);
        else expect(answer, c.name).toMatchObject({ error: { details: { line: i + 1 } } });
      }
      expect(r.code, r.stderr).toBe(cases.some((c) => !c.expected) ? 2 : 0);
    },
    120_000,
  );

  it('runs one request per process too, and a --jsonl batch names the failing line', async () => {
    const one = accountingCases.cases.find((c) => 'expected' in c && c.expected) as unknown as Case;
    const single = await runCfp(['calc', 'emissions', '-'], { input: JSON.stringify(one.request) });
    expect(single.code, single.stderr).toBe(0);
    expect(JSON.parse(single.stdout)).toMatchObject(one.expected!);
    const batch = await runCfp(['calc', 'emissions', '--jsonl', '-'], { input: `${JSON.stringify(one.request)}\n\n{"activities": \n` });
    expect(batch.code).toBe(2);
    const [first, second, ...rest] = batch.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(JSON.parse(first!)).toMatchObject(one.expected!);
    expect(JSON.parse(second!)).toMatchObject({ error: { code: 'MALFORMED_JSON', details: { line: 3 } } });
    expect(batch.stderr).toContain('1 line(s) failed');
  });

  it('answers invalid input with the envelope naming the activity, exit code 2', async () => {
    const r = await runCfp(['calc', 'emissions', '-'], { input: JSON.stringify({ activities: [{ type: 'fuel', fuel: 'bituminous_coal', quantity: 'NaN', unit: 't' }] }) });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'activities.0' }] } } });
  });
});
