/**
 * Property test of every write endpoint (every POST / PUT / PATCH in the OpenAPI document, which
 * includes every `POST /api/v1/calc/{name}`): generated bodies never get a 5xx; every non-2xx is the
 * error envelope with a catalogued code, status and message; and a 4xx changes no organisation
 * and no idempotency key.
 *
 * Generators: arbitrary JSON; objects with the endpoint's own keys holding valid or edge values
 * (huge strings, unicode, U+0000, lone surrogates, nulls, negative and huge numbers, deep nesting);
 * text that is not JSON; and random bytes. Headers vary too (content type, Idempotency-Key,
 * Accept-Language).
 *
 *   FUZZ_RUNS=1000 npx vitest run packages/server/src/http/fuzz       runs per endpoint (default 100)
 *   FUZZ_SEED=123 …                                                     replays the seed printed at start
 *
 * Each endpoint uses seed + its index in the list below; fast-check's failure report names the
 * exact seed and shrink path of the endpoint that failed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog, errorCodes, organisationSchema, type ErrorCode } from '@cfp/contracts';
import { demoIds, organisationTypes, usccCharset, usccCheckCharacter } from '@cfp/domain';
import { testPlatform, type ApiResponse, type TestPlatform } from '../testing/test-platform.ts';
import { buildOpenApiDocument } from './app.ts';
import { pickLanguage } from './app-error.ts';

const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 0x7fffffff;
console.log(`fuzz: seed=${seed} runs=${numRuns} per endpoint — replay with FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns} npx vitest run packages/server/src/http/fuzz`);

const leak = /at .*\.ts:|select |insert |node_modules/i;

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Json }> };
}

// ---------------------------------------------------------------------------------------------
// The endpoints, from the OpenAPI document (so that a new write endpoint is fuzzed without edits)

const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Json> } };
const resolve = (schema: Json | undefined): Json | undefined =>
  typeof schema?.$ref === 'string' ? doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema;

/** A value for each path parameter; a new parameter name fails loudly here. */
const pathValues: Record<string, string> = { id: demoIds.enterprise1, kind: 'electricity_factor', month: '2024-05', period: '2024', code: '2' };

interface Endpoint {
  name: string;
  method: string;
  path: string;
  properties: Record<string, Json>;
  required: string[];
}

const endpoints: Endpoint[] = Object.entries(doc.paths).flatMap(([template, item]) =>
  (['post', 'put', 'patch'] as const)
    .filter((m) => item[m] !== undefined)
    .map((m) => {
      const schema = resolve(item[m]!.requestBody?.content?.['application/json']?.schema);
      const path = template.replace(/\{([^}]+)\}/g, (_all, name: string) => {
        const value = pathValues[name];
        if (value === undefined) throw new Error(`fuzz: add a sample value for path parameter {${name}} of ${template}`);
        return value;
      });
      return {
        name: `${m.toUpperCase()} ${template}`,
        method: m.toUpperCase(),
        path,
        properties: (schema?.properties as Record<string, Json> | undefined) ?? {},
        required: (schema?.required as string[] | undefined) ?? [],
      };
    }),
);

// ---------------------------------------------------------------------------------------------
// Generators

/** Raw JSON text inserted as is when the body is serialised: nesting deeper than JSON.stringify likes. */
class RawJson {
  constructor(readonly text: string) {}
  /** How fast-check prints it in a counterexample: not 200 kB of brackets. */
  [fc.toStringMethod](): string {
    return `RawJson(${this.text.length} chars: ${this.text.slice(0, 12)}…${this.text.slice(-12)})`;
  }
}

function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'symbol') return JSON.stringify(`<${value.description}>`); // only in failure messages
  return JSON.stringify(value) ?? 'null';
}

const nasty = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\ufeff',
  '\u200b',
  '💥',
  '👩‍👩‍👧‍👦',
  'Ａ',
  'İ',
  'ß',
  '\\',
  '%',
  '_',
  '%_\\',
  "'; drop table organisations; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  'null',
  'true',
  '1e309',
  '__proto__',
  'constructor',
  '\r\n',
  '\t',
];

/** Characters that trip up databases, parsers, normalisers and log lines. */
const nastyChars = ['\u0000', '\u0001', '\u001f', '\u007f', '\ud800', '\udfff', '\u202e', '\ufeff', '\u200b', '\u2028', '\ufffd', '\\', '%', '_', "'", '"', '\n', '💥', 'ß', 'İ'];

const edgeString = fc.oneof(
  { arbitrary: fc.constantFrom(...nasty), weight: 5 },
  // an ordinary value with one odd character inside: passes length checks and reaches the database
  { arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...nastyChars), fc.string({ maxLength: 10 })).map((p) => p.join('')), weight: 8 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer({ min: 190, max: 70_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 60, max: 20_000 }).map((n) => '中'.repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => '💥'.repeat(n)), weight: 1 },
);

const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, -1e308, Number.MIN_VALUE, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const depth = fc.oneof(fc.integer({ min: 2, max: 5_000 }), fc.integer({ min: 5_000, max: 100_000 }));
const deep = fc.tuple(depth, fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
  const close = open === '[' ? ']' : '}';
  return new RawJson(`${open.repeat(depth)}1${close.repeat(depth)}`);
});

const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: edgeString, weight: 5 },
  { arbitrary: edgeNumber, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.array(edgeString, { maxLength: 4 }), weight: 1 },
);

const validUscc = fc.array(fc.constantFrom(...usccCharset), { minLength: 17, maxLength: 17 }).map((chars) => {
  const body = chars.join('');
  return body + usccCheckCharacter(body);
});

/** Marker for "the version the organisation has right now", filled in when the request is sent. */
const currentVersion = Symbol('current version');

const nameZh = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => `示例${s}`);
const nameEn = fc.string({ maxLength: 40 });
const areaId = fc.constantFrom('jining', 'zoucheng', 'rencheng');
const sector = fc.constantFrom(null, 'cement', 'steel', 'power');
const nonBankTypes = organisationTypes.filter((type) => type !== 'bank');

/**
 * A valid body per endpoint (coherent across fields, so that it passes the domain rules too); the
 * mutations below then break one to three things in it. Endpoints not listed get a body built from
 * their schema's enums and examples.
 */
const validBodies: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'POST /api/v1/organisations': fc.oneof(
    fc.record(
      {
        id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,30}$/),
        type: fc.constantFrom(...nonBankTypes),
        bankLevel: fc.constant(null),
        parentId: fc.constant(null),
        nameZh,
        nameEn,
        uscc: fc.oneof(validUscc, fc.constant(null)),
        areaId,
        sector,
      },
      { requiredKeys: ['type', 'nameZh', 'areaId'] },
    ),
    fc.record({ type: fc.constant('bank'), bankLevel: fc.constant('head'), nameZh, nameEn, areaId }, { requiredKeys: ['type', 'bankLevel', 'nameZh', 'areaId'] }),
    fc.record({ type: fc.constant('bank'), bankLevel: fc.constant('branch'), parentId: fc.constant(demoIds.bank1), nameZh, areaId }),
    fc.record({ type: fc.constant('enterprise'), parentId: fc.constant(demoIds.enterprise2), nameZh, areaId }),
  ),
  'PATCH /api/v1/organisations/{id}': fc
    .record(
      {
        version: fc.oneof({ arbitrary: fc.constant(currentVersion), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 1 }),
        parentId: fc.constantFrom(null, demoIds.enterprise2),
        nameZh,
        nameEn,
        uscc: fc.oneof(validUscc, fc.constant(null)),
        areaId,
        sector,
      },
      { requiredKeys: ['version'] },
    )
    .map((body) => (Object.keys(body).length > 1 ? body : { ...body, nameEn: 'Fuzzed (Demo)' })),
  'POST /api/v1/calc/uscc': fc.record({
    code: fc.oneof(
      validUscc,
      validUscc.map((c) => c.slice(0, 17)),
      validUscc.map((c) => c.toLowerCase()),
      fc.string({ minLength: 17, maxLength: 18 }),
    ),
  }),
};

/** A valid value from the schema itself (enum or example), for endpoints without a body above. */
function schemaValue(property: Json): fc.Arbitrary<unknown> | undefined {
  if (Array.isArray(property.enum) && property.enum.length) return fc.constantFrom(...(property.enum as unknown[]));
  if (property.example !== undefined) return fc.constant(property.example);
  return undefined;
}

function schemaBody(endpoint: Endpoint): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(endpoint.properties).map(([key, property]) => [key, schemaValue(property) ?? edgeValue] as const);
  return fc.record(Object.fromEntries(fields), { requiredKeys: endpoint.required.filter((k) => k in endpoint.properties) });
}

/** String fields without an enum or a pattern (names, codes): odd text there passes validation and reaches the database. */
function freeTextKeys(endpoint: Endpoint): string[] {
  const isFreeText = (p: Json): boolean =>
    (p.type === 'string' && p.enum === undefined && p.pattern === undefined && p.format === undefined) ||
    (Array.isArray(p.anyOf) && (p.anyOf as Json[]).some(isFreeText)) ||
    (Array.isArray(p.oneOf) && (p.oneOf as Json[]).some(isFreeText));
  return Object.entries(endpoint.properties)
    .filter(([, p]) => isFreeText(resolve(p) ?? p))
    .map(([key]) => key);
}

type Mutation = { op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string };

/** The endpoint's own keys holding valid values, with up to three of them broken, dropped or added. */
function shapedBody(endpoint: Endpoint): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(endpoint.properties);
  const base = validBodies[endpoint.name] ?? schemaBody(endpoint);
  const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'isDemo', 'version', 'createdAt', 'id'), edgeString);
  const text = freeTextKeys(endpoint);
  const mutation: fc.Arbitrary<Mutation> = keys.length
    ? fc.oneof(
        ...(text.length ? [{ arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...text), value: edgeString }), weight: 6 }] : []),
        { arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys), value: edgeString }), weight: 3 },
        { arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys), value: edgeValue }), weight: 3 },
        { arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys) }), weight: 2 },
        { arbitrary: fc.record({ op: fc.constant('set' as const), key: extraKey, value: edgeValue }), weight: 1 },
      )
    : fc.record({ op: fc.constant('set' as const), key: extraKey, value: edgeValue });
  return fc.tuple(base, fc.array(mutation, { maxLength: 3 })).map(([valid, mutations]) => {
    const body: Record<string, unknown> = { ...valid };
    for (const m of mutations) {
      if (m.op === 'delete') delete body[m.key];
      // defineProperty: a plain assignment to "__proto__" would set the prototype, not a key
      else Object.defineProperty(body, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
    return body;
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const notJson = fc
  .oneof(
    fc.constantFrom('{', '{"a":', 'undefined', "{'a':1}", '[1,]', '{"a":1}}', '\ufeff{}', 'NaN', '-', '01', '"\\x"', '{"a":"\\u12"}', '{"a" 1}', '[', ']', 'nul', 'tru', '"'),
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
    fc.jsonValue().map((v) => `${JSON.stringify(v)},`),
  )
  // The server decodes UTF-8 with a leading BOM dropped (RFC 8259 §8.1 allows ignoring it).
  .filter((s) => !isJson(s.replace(/^\ufeff/, '')));

type Body = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

const contentTypes = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 24 },
  {
    arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/merge-patch+json', 'application/vnd.v2+json', 'application/json ; x=1'),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', '', 'json', '*/*'), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const request = (endpoint: Endpoint) =>
  fc.record({
    body: fc.oneof(
      { arbitrary: fc.jsonValue().map((value): Body => ({ kind: 'json', value })), weight: 3 },
      { arbitrary: shapedBody(endpoint).map((value): Body => ({ kind: 'json', value })), weight: 10 },
      { arbitrary: notJson.map((text): Body => ({ kind: 'text', text })), weight: 2 },
      { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): Body => ({ kind: 'bytes', bytes })), weight: 1 },
    ),
    contentType: contentTypes,
    // Mostly no key; when there is one, often a reused one (so that replays and 422s happen).
    idempotencyKey: fc.oneof(
      { arbitrary: fc.constant(null), weight: 6 },
      { arbitrary: fc.constantFrom('fuzz-1', 'fuzz-2', 'k'.repeat(200), 'k'.repeat(201), 'a b', ''), weight: 2 },
      { arbitrary: fc.string({ maxLength: 210 }), weight: 1 },
    ),
    acceptLanguage: fc.option(fc.constantFrom('en', 'zh-CN', 'fr', 'en;q=abc', 'zh;q=0.1, en', '*'), { freq: 2 }),
    // Mostly the administrator (so that bodies reach the handlers); sometimes nothing or junk.
    authorization: fc.oneof(
      { arbitrary: fc.constant('admin' as const), weight: 16 },
      { arbitrary: fc.constant(null), weight: 1 },
      {
        arbitrary: fc.oneof(
          fc.constantFrom('Bearer ', 'Bearer x', 'bearer x', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(201)}`),
          fc.string().map((s) => `Bearer ${s}`),
        ),
        weight: 1,
      },
    ),
  });

type Request = ReturnType<typeof request> extends fc.Arbitrary<infer R> ? R : never;

// ---------------------------------------------------------------------------------------------

/**
 * Per endpoint, how often each status/code came back (shrinking runs included): printed at the end
 * to show what the generators reach — a run with no 201/200 would mean nothing got past validation.
 */
const outcomes = new Map<string, Map<string, number>>();

let t: TestPlatform;
let adminToken: string;
beforeAll(async () => {
  t = await testPlatform({ env: { RATE_LIMIT_PER_MINUTE: '1000000000' } });
  (t.platform.logger as unknown as { level: string }).level = process.env.FUZZ_LOG ?? 'silent';
  adminToken = await t.tokenFor('admin');
});
afterAll(async () => {
  for (const [name, tally] of outcomes) console.log(`fuzz outcomes ${name}: ${[...tally].map(([o, n]) => `${o} ×${n}`).join(', ')}`);
  await t?.close();
});

async function snapshot(): Promise<{ organisations: number; fingerprint: string }> {
  const [row] = await t.db.query<{ n: number; orgs: string | null; keys: string | null }>(
    `select (select count(*)::int from organisations) as n,
            (select md5(string_agg(o::text, '|' order by o.id)) from organisations o) as orgs,
            (select md5(string_agg(k::text, '|' order by k.scope, k.key)) from idempotency_keys k) as keys`,
  );
  return { organisations: row!.n, fingerprint: `${row!.orgs}/${row!.keys}` };
}

async function fillVersion(value: unknown): Promise<unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof RawJson) return value;
  const body = value as Record<string, unknown>;
  if (body.version !== currentVersion) return value;
  const [row] = await t.db.query<{ version: number }>('select version from organisations where id = $1', [demoIds.enterprise1]);
  return { ...body, version: row!.version };
}

async function send(endpoint: Endpoint, r: Request): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
  if (r.acceptLanguage !== null) headers['accept-language'] = r.acceptLanguage;
  if (r.authorization !== null) headers.authorization = r.authorization === 'admin' ? `Bearer ${adminToken}` : r.authorization;
  // Bytes, never a string: a string body would make the Request add text/plain when no type is given.
  const body = r.body.kind === 'bytes' ? r.body.bytes : new TextEncoder().encode(r.body.kind === 'text' ? r.body.text : toJson(await fillVersion(r.body.value)));
  const response = await t.platform.app.request(endpoint.path, { method: endpoint.method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // checked below: every response must be JSON
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

function describeRequest(r: Request): string {
  const body = r.body.kind === 'bytes' ? `bytes ${Buffer.from(r.body.bytes).toString('hex').slice(0, 200)}` : r.body.kind === 'text' ? r.body.text : toJson(r.body.value);
  return `${r.contentType ?? '(no content-type)'} auth=${r.authorization} key=${r.idempotencyKey} lang=${r.acceptLanguage} body=${body.slice(0, 300)}`;
}

async function check(endpoint: Endpoint, r: Request): Promise<void> {
  const before = await snapshot();
  const response = await send(endpoint, r);
  const outcome = `${response.status} ${(response.body as { error?: { code?: string } } | null)?.error?.code ?? ''}`.trim();
  const tally = outcomes.get(endpoint.name) ?? new Map<string, number>();
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
  outcomes.set(endpoint.name, tally);
  const text = JSON.stringify(response.body);
  const context = `${endpoint.name} ${describeRequest(r)} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  expect(typeof response.body, `not JSON: ${context}`).toBe('object');
  expect(text, context).not.toMatch(leak);
  const after = await snapshot();
  if (response.status >= 300) {
    const error = (response.body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } }).error;
    expect(Object.keys(response.body as object), context).toEqual(['error']);
    expect(errorCodes, context).toContain(error?.code);
    const code = error!.code as ErrorCode;
    expect(response.status, context).toBe(errorCatalog[code].status);
    const language = pickLanguage(r.acceptLanguage ?? undefined);
    expect(error!.message, context).toBe(language === 'en' ? errorCatalog[code].en : errorCatalog[code].zh);
    expect(error!.requestId, context).toBe(response.headers.get('x-request-id'));
    expect(typeof error!.requestId === 'string' && error!.requestId.length > 0, context).toBe(true);
    if (r.body.kind === 'text' && r.contentType === 'application/json' && r.authorization === 'admin' && r.idempotencyKey === null) expect(code, context).toBe('MALFORMED_JSON');
  }
  if (response.status >= 400) {
    expect(after, `a ${response.status} changed the database: ${context}`).toEqual(before);
    return;
  }
  // 2xx: only a create adds a row (a replay adds none); a calculator writes nothing at all.
  if (endpoint.name === 'POST /api/v1/organisations') {
    expect(response.status, context).toBe(201);
    expect(organisationSchema.safeParse(response.body).success, context).toBe(true);
    expect(after.organisations, context).toBe(before.organisations + (response.headers.get('idempotent-replayed') === 'true' ? 0 : 1));
  } else if (endpoint.name === 'PATCH /api/v1/organisations/{id}') {
    expect(organisationSchema.safeParse(response.body).success, context).toBe(true);
    expect(after.organisations, context).toBe(before.organisations);
  } else if (endpoint.path.startsWith('/api/v1/calc/')) {
    expect(after, context).toEqual(before);
  }
}

describe('fuzz: every write endpoint', () => {
  it('covers every calculator and the organisation writes', async () => {
    const calc = await t.api<{ items: Array<{ name: string; path: string }> }>('GET', '/api/v1/calc');
    expect(calc.status).toBe(200);
    expect(calc.body.items.length).toBeGreaterThan(0);
    const fuzzed = endpoints.map((e) => e.name);
    for (const item of calc.body.items) expect(fuzzed).toContain(`POST ${item.path}`);
    // The free-text fields get most of the odd strings; a schema change that hides them shows here.
    const text = Object.fromEntries(endpoints.map((e) => [e.name, freeTextKeys(e)]));
    expect(text['POST /api/v1/organisations']).toEqual(expect.arrayContaining(['nameZh', 'nameEn']));
    expect(text['PATCH /api/v1/organisations/{id}']).toEqual(expect.arrayContaining(['nameZh', 'nameEn']));
    expect(text['POST /api/v1/calc/uscc']).toEqual(['code']);
    expect(fuzzed).toEqual(expect.arrayContaining(['POST /api/v1/organisations', 'PATCH /api/v1/organisations/{id}']));
    const served = await t.api<{ paths: Record<string, object> }>('GET', '/api/openapi.json');
    expect(Object.keys(served.body.paths).sort()).toEqual(Object.keys(doc.paths).sort());
  });

  it.each(endpoints.map((e, index) => [e.name, e, index] as const))(
    '%s: never a 5xx; errors are catalogued envelopes; a 4xx writes nothing',
    async (_name, endpoint, index) => {
      // One seed per endpoint (base seed + its index), so that endpoints do not get the same inputs.
      await fc.assert(
        fc.asyncProperty(request(endpoint), (r) => check(endpoint, r)),
        { seed: seed + index, numRuns },
      );
    },
    30_000 + numRuns * 300,
  );
});
