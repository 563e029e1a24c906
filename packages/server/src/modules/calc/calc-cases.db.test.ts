/**
 * The shared worked cases through the HTTP API (the domain tests run them through the functions,
 * packages/cli/src/calc-cases.test.ts through the built CLI): every field under `expected` must match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accountingCases from '../../../../domain/src/accounting/cases/accounting.json' with { type: 'json' };
import labelCases from '../../../../domain/src/labels/cases/labels.json' with { type: 'json' };
import { testPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await testPlatform();
});
afterAll(() => t.close());

interface Case {
  name: string;
  request: unknown;
  expected?: Record<string, unknown>;
  expectedError?: { code?: string; status?: number };
}

describe('POST /api/v1/calc/emissions reproduces accounting.json', () => {
  it.each((accountingCases.cases as unknown as Case[]).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const response = await t.as('enterprise1')<Record<string, unknown>>('POST', '/api/v1/calc/emissions', { body: c.request });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject(c.expected!);
  });
});

describe('POST /api/v1/calc/label reproduces labels.json', () => {
  it.each((labelCases.cases as unknown as Case[]).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const response = await t.as('bank1')<Record<string, unknown> & { error?: { code: string } }>('POST', '/api/v1/calc/label', { body: c.request });
    if (c.expected) {
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject(c.expected);
    } else {
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('calculators refuse bad input with the activity named', () => {
  it.each([
    ['a negative quantity', { activities: [{ type: 'fuel', fuel: 'bituminous_coal', quantity: '-1', unit: 't' }] }, 'activities.0'],
    [
      'an unknown fuel',
      {
        activities: [
          { type: 'electricity_purchased', quantity: '1', unit: 'MWh' },
          { type: 'fuel', fuel: 'moon_dust', quantity: '1', unit: 't' },
        ],
      },
      'activities.1',
    ],
    ['exponent notation', { activities: [{ type: 'fuel', fuel: 'bituminous_coal', quantity: '1e3', unit: 't' }] }, 'activities.0'],
    ['an unknown unit', { activities: [{ type: 'fuel', fuel: 'bituminous_coal', quantity: '1', unit: 'barrel' }] }, 'activities.0'],
  ])('%s', async (_name, body, path) => {
    const response = await t.api<{ error: { code: string; details: { fields: Array<{ path: string }> } } }>('POST', '/api/v1/calc/emissions', { body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.fields[0]!.path).toBe(path);
  });

  it('an empty activity list and an empty label request', async () => {
    expect((await t.api('POST', '/api/v1/calc/emissions', { body: { activities: [] } })).status).toBe(400);
    const label = await t.api<{ error: { code: string } }>('POST', '/api/v1/calc/label', { body: {} });
    expect(label.status).toBe(422);
    expect(label.body.error.code).toBe('NO_APPLICABLE_METHOD');
  });
});
