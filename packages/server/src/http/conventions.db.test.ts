/**
 * The API conventions of ARCHITECTURE.md, checked at the edge: every bad input gets a 4xx with a
 * stable code in the one error envelope (its requestId equal to the X-Request-Id header), in the
 * caller's language, without anything internal in the body, and writes nothing. Also request ids,
 * security headers, the rate limit, and the OpenAPI document and API reference over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog, errorCodes, type ErrorCode } from '@cfp/contracts';
import { demoIds } from '@cfp/domain';
import { testPlatform, type ApiResponse, type TestPlatform } from '../testing/test-platform.ts';
import { buildOpenApiDocument } from './app.ts';

type ErrorBody = { error: { code: string; message: string; details?: unknown; requestId: string } };
type FieldsDetails = { fields: Array<{ path: string }> };

/** A stack frame, a query or a dependency path in a response body means something internal leaked. */
const leak = /at .*\.ts:|select |insert |node_modules/i;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bodyLimit = 2048;

let t: TestPlatform;
let adminToken: string;
beforeAll(async () => {
  t = await testPlatform({ env: { BODY_LIMIT_BYTES: String(bodyLimit) } });
  adminToken = await t.tokenFor('admin');
});
afterAll(() => t?.close());

/** Like `t.api` (as the administrator) but with a full RequestInit: no default content type, streams, byte bodies. */
async function raw(path: string, init: RequestInit): Promise<ApiResponse> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${adminToken}`);
  const response = await t.platform.app.request(path, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text so that the envelope check fails with something readable
  }
  return { status: response.status, body, headers: response.headers };
}

/** A body that arrives in chunks, with no Content-Length: the size is only known by reading it. */
function streamed(text: string, chunkBytes = 512): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

/** Everything a write could touch: every organisation row and every idempotency key, hashed. */
async function snapshot(): Promise<{ organisations: number; fingerprint: string }> {
  const [row] = await t.db.query<{ n: number; orgs: string | null; keys: string | null }>(
    `select (select count(*)::int from organisations) as n,
            (select md5(string_agg(o::text, '|' order by o.id)) from organisations o) as orgs,
            (select md5(string_agg(k::text, '|' order by k.scope, k.key)) from idempotency_keys k) as keys`,
  );
  return { organisations: row!.n, fingerprint: `${row!.orgs}/${row!.keys}` };
}

/** The one error envelope, with the catalogue's status and message, and nothing internal in it. */
function expectEnvelope(response: ApiResponse, code: ErrorCode, options: { language?: 'zh-CN' | 'en' } = {}): ErrorBody['error'] {
  const text = JSON.stringify(response.body);
  expect(response.status, text).toBe(errorCatalog[code].status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body = response.body as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(errorCodes).toContain(body.error.code);
  expect(body.error.message).toBe(options.language === 'en' ? errorCatalog[code].en : errorCatalog[code].zh);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details', 'requestId']).toContain(key);
  expect(body.error.requestId).toBeTruthy();
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  expect(text).not.toMatch(leak);
  return body.error;
}

const fieldPaths = (error: ErrorBody['error']): string[] => (error.details as FieldsDetails).fields.map((f) => f.path);

const enc = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const newEnterprise = { type: 'enterprise', nameZh: '示例约定测试企业', areaId: 'jining' };
const orgPath = `/api/v1/organisations/${demoIds.enterprise1}`;

/** Runs `send` and checks the envelope, and that no organisation or idempotency key changed. */
async function rejects(send: () => Promise<ApiResponse>, code: ErrorCode, options: { language?: 'zh-CN' | 'en' } = {}) {
  const before = await snapshot();
  const response = await send();
  const error = expectEnvelope(response, code, options);
  expect(await snapshot()).toEqual(before);
  return { response, error };
}

describe('the writes each endpoint accepts (controls for the rejections below)', () => {
  it('creates with application/json; charset=utf-8, updates, calculates', async () => {
    const before = await snapshot();
    const created = await t.api<{ id: string }>('POST', '/api/v1/organisations', {
      body: { ...newEnterprise, nameZh: '示例字符集企业' },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(created.status).toBe(201);
    expect((await snapshot()).organisations).toBe(before.organisations + 1);
    const updated = await t.api('PATCH', `/api/v1/organisations/${created.body.id}`, { body: { version: 1, nameEn: 'Charset Co (Demo)' } });
    expect(updated.status).toBe(200);
    const calc = await t.api<{ valid: boolean }>('POST', '/api/v1/calc/uscc', { body: { code: '91370883MA3C00001W' } });
    expect(calc.status).toBe(200);
  });
});

describe('malformed JSON: 400 MALFORMED_JSON on every write endpoint', () => {
  const bodies = ['{"type":', '', "{'type':'bank'}", '{"type":"bank"} trailing', 'NaN', '{"a":1,}', '[1,2', '\u0000'];
  const endpoints: Array<[string, string]> = [
    ['POST', '/api/v1/organisations'],
    ['PATCH', orgPath],
    ['POST', '/api/v1/calc/uscc'],
  ];
  const cases = endpoints.flatMap(([method, path]) => bodies.map((body) => [method, path, body] as const));
  it.each(cases)('%s %s with %j', async (method, path, rawBody) => {
    await rejects(() => t.api(method, path, { rawBody }), 'MALFORMED_JSON');
  });
});

describe('content types: 415 UNSUPPORTED_MEDIA_TYPE for anything but JSON', () => {
  const json = JSON.stringify(newEnterprise);
  it.each([
    ['text/plain', json],
    ['text/plain; charset=utf-8', json],
    ['application/x-www-form-urlencoded', 'type=enterprise&nameZh=x&areaId=jining'],
    ['multipart/form-data; boundary=xyz', `--xyz\r\nContent-Disposition: form-data; name="type"\r\n\r\nenterprise\r\n--xyz--\r\n`],
    ['application/xml', '<type>enterprise</type>'],
    ['application/jsonp', json],
    ['json', json],
  ])('POST /api/v1/organisations as %s', async (type, body) => {
    await rejects(() => t.api('POST', '/api/v1/organisations', { rawBody: body, headers: { 'content-type': type } }), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('PATCH and calc as text/plain', async () => {
    await rejects(() => t.api('PATCH', orgPath, { rawBody: '{"version":1,"nameEn":"x"}', headers: { 'content-type': 'text/plain' } }), 'UNSUPPORTED_MEDIA_TYPE');
    await rejects(() => t.api('POST', '/api/v1/calc/uscc', { rawBody: '{"code":"91370883MA3C00001W"}', headers: { 'content-type': 'text/plain' } }), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a JSON body with no Content-Type header at all', async () => {
    // A byte body: unlike a string body, the Request adds no text/plain type of its own.
    const body = new TextEncoder().encode(JSON.stringify(newEnterprise));
    const { response } = await rejects(() => raw('/api/v1/organisations', { method: 'POST', body }), 'UNSUPPORTED_MEDIA_TYPE');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await rejects(() => raw(orgPath, { method: 'PATCH', body: new TextEncoder().encode('{"version":1,"nameEn":"x"}') }), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('an empty Content-Type header and a write with no body and no type', async () => {
    await rejects(() => t.api('POST', '/api/v1/organisations', { rawBody: JSON.stringify(newEnterprise), headers: { 'content-type': '' } }), 'UNSUPPORTED_MEDIA_TYPE');
    await rejects(() => raw('/api/v1/organisations', { method: 'POST' }), 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe(`body size: 413 PAYLOAD_TOO_LARGE above BODY_LIMIT_BYTES (${bodyLimit})`, () => {
  /** Valid JSON of exactly `bytes` bytes: a valid body padded with whitespace. */
  const padded = (bytes: number, value: unknown = { ...newEnterprise, nameZh: '示例大小企业' }) => {
    const json = JSON.stringify(value);
    const text = json + ' '.repeat(bytes - Buffer.byteLength(json));
    expect(Buffer.byteLength(text)).toBe(bytes);
    return text;
  };
  const threeKb = JSON.stringify({ ...newEnterprise, nameEn: 'x'.repeat(3 * 1024) });

  it('with a correct Content-Length', async () => {
    const { error } = await rejects(
      () => t.api('POST', '/api/v1/organisations', { rawBody: threeKb, headers: { 'content-length': String(Buffer.byteLength(threeKb)) } }),
      'PAYLOAD_TOO_LARGE',
    );
    expect(error.details).toEqual({ limitBytes: bodyLimit });
  });

  it('streamed in chunks without a Content-Length', async () => {
    const init = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: streamed(body), duplex: 'half' }) as RequestInit;
    await rejects(() => raw('/api/v1/organisations', init(threeKb)), 'PAYLOAD_TOO_LARGE');
    await rejects(() => raw('/api/v1/calc/uscc', init(JSON.stringify({ code: 'x'.repeat(3 * 1024) }))), 'PAYLOAD_TOO_LARGE');
    await rejects(() => raw(orgPath, { ...init(JSON.stringify({ version: 1, nameEn: 'y'.repeat(3 * 1024) })), method: 'PATCH' }), 'PAYLOAD_TOO_LARGE');
  });

  it('with a Content-Length that understates the body', async () => {
    await rejects(() => t.api('POST', '/api/v1/organisations', { rawBody: threeKb, headers: { 'content-length': '100' } }), 'PAYLOAD_TOO_LARGE');
  });

  it('counts bytes, not characters: 1,000 Chinese characters are 3,000 bytes', async () => {
    const text = JSON.stringify({ ...newEnterprise, nameEn: '中'.repeat(1000) });
    expect(text.length).toBeLessThan(bodyLimit);
    await rejects(() => t.api('POST', '/api/v1/organisations', { rawBody: text }), 'PAYLOAD_TOO_LARGE');
  });

  it('accepts exactly the limit and refuses one byte more', async () => {
    const before = await snapshot();
    const atLimit = await t.api('POST', '/api/v1/organisations', { rawBody: padded(bodyLimit) });
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(201);
    expect((await snapshot()).organisations).toBe(before.organisations + 1);
    await rejects(() => t.api('POST', '/api/v1/organisations', { rawBody: padded(bodyLimit + 1, { ...newEnterprise, nameZh: '示例超限企业' }) }), 'PAYLOAD_TOO_LARGE');
  });
});

describe('validation: 400 VALIDATION_FAILED naming the field, writing nothing', () => {
  it.each([
    ['an unknown field', 'POST', '/api/v1/organisations', { ...newEnterprise, colour: 'green' }, '(body)'],
    ['a __proto__ field', 'POST', '/api/v1/organisations', JSON.parse(`{"type":"enterprise","nameZh":"示例","areaId":"jining","__proto__":{"isDemo":true}}`), '(body)'],
    ['a number for a string', 'POST', '/api/v1/organisations', { ...newEnterprise, nameZh: 42 }, 'nameZh'],
    ['an unknown enum value', 'POST', '/api/v1/organisations', { ...newEnterprise, type: 'alien' }, 'type'],
    ['null for a required id', 'POST', '/api/v1/organisations', { ...newEnterprise, areaId: null }, 'areaId'],
    ['a blank name', 'POST', '/api/v1/organisations', { ...newEnterprise, nameZh: '   ' }, 'nameZh'],
    ['a name of 201 characters', 'POST', '/api/v1/organisations', { ...newEnterprise, nameZh: '示'.repeat(201) }, 'nameZh'],
    ['an uppercase id', 'POST', '/api/v1/organisations', { ...newEnterprise, id: 'ENT-X' }, 'id'],
    ['an id of 65 characters', 'POST', '/api/v1/organisations', { ...newEnterprise, id: 'a'.repeat(65) }, 'id'],
    ['an array body', 'POST', '/api/v1/organisations', [newEnterprise], '(body)'],
    ['a string body', 'POST', '/api/v1/organisations', 'enterprise', '(body)'],
    ['a null body', 'POST', '/api/v1/organisations', null, '(body)'],
    ['an unknown field on update', 'PATCH', orgPath, { version: 1, isDemo: false }, '(body)'],
    ['a string version', 'PATCH', orgPath, { version: '1', nameEn: 'x' }, 'version'],
    ['version 0', 'PATCH', orgPath, { version: 0, nameEn: 'x' }, 'version'],
    ['a fractional version', 'PATCH', orgPath, { version: 1.5, nameEn: 'x' }, 'version'],
    ['a missing version', 'PATCH', orgPath, { nameEn: 'x' }, 'version'],
    ['only a version', 'PATCH', orgPath, { version: 1 }, '(body)'],
    ['a number for the code', 'POST', '/api/v1/calc/uscc', { code: 913708831234567 }, 'code'],
    ['a short code', 'POST', '/api/v1/calc/uscc', { code: '9137' }, 'code'],
    ['no code', 'POST', '/api/v1/calc/uscc', {}, 'code'],
    ['an unknown calc field', 'POST', '/api/v1/calc/uscc', { code: '91370883MA3C00001W', extra: true }, '(body)'],
  ])('%s (%s %s)', async (_name, method, path, body, field) => {
    const { error } = await rejects(() => t.api(method, path, { rawBody: JSON.stringify(body) }), 'VALIDATION_FAILED');
    expect(fieldPaths(error)).toContain(field);
  });

  it('a path id that is not an id', async () => {
    const { error } = await rejects(() => t.api('PATCH', '/api/v1/organisations/NOT_AN_ID', { body: { version: 1, nameEn: 'x' } }), 'VALIDATION_FAILED');
    expect(fieldPaths(error)).toContain('id');
    await rejects(() => t.api('GET', '/api/v1/organisations/%20'), 'VALIDATION_FAILED');
  });

  it('an update of an organisation that does not exist is 404 NOT_FOUND', async () => {
    await rejects(() => t.api('PATCH', '/api/v1/organisations/no-such-org', { body: { version: 1, nameEn: 'x' } }), 'NOT_FOUND');
  });
});

describe('list parameters', () => {
  it('follows a real cursor (control)', async () => {
    const first = await t.api<{ items: Array<{ id: string }>; nextCursor: string | null }>('GET', '/api/v1/organisations?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.api<{ items: Array<{ id: string }> }>('GET', `/api/v1/organisations?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0]!.id > first.body.items[0]!.id).toBe(true);
    for (const limit of [1, 200]) expect((await t.api('GET', `/api/v1/organisations?limit=${limit}`)).status).toBe(200);
  });

  it.each([
    ['random text', encodeURIComponent('not a cursor!')],
    ['base64url of a number id', enc({ id: 5 })],
    ['base64url of an array', enc([1, 2])],
    ['base64url of a string', enc('ent-001')],
    ['base64url of null', enc(null)],
    ['base64url of an id too long', enc({ id: 'x'.repeat(65) })],
    ['base64url of half a JSON object', Buffer.from('{"id":"ent-').toString('base64url')],
    ['512 characters that decode to no JSON', 'A'.repeat(512)],
  ])('organisations: %s is 400 INVALID_CURSOR', async (_name, cursor) => {
    await rejects(() => t.api('GET', `/api/v1/organisations?cursor=${cursor}`), 'INVALID_CURSOR');
  });

  it.each([
    ['random text', 'garbage'],
    ['an organisations cursor', enc({ id: 'ent-001' })],
    ['a cursor with a bad instant', enc({ createdAt: 'yesterday', id: 'x' })],
  ])('jobs: %s is 400 INVALID_CURSOR', async (_name, cursor) => {
    await rejects(() => t.api('GET', `/api/v1/jobs?cursor=${cursor}`), 'INVALID_CURSOR');
  });

  it('a cursor over 512 characters is 400 VALIDATION_FAILED on cursor', async () => {
    for (const path of ['/api/v1/organisations', '/api/v1/jobs']) {
      const { error } = await rejects(() => t.api('GET', `${path}?cursor=${'A'.repeat(513)}`), 'VALIDATION_FAILED');
      expect(fieldPaths(error)).toEqual(['cursor']);
    }
    await rejects(() => t.api('GET', `/api/v1/organisations?cursor=${enc({ id: 'x'.repeat(100_000) })}`), 'VALIDATION_FAILED');
  });

  it.each(['0', '201', 'abc', '-1', '1.5', '', '1e3', 'Infinity'])('limit=%j is 400 VALIDATION_FAILED on limit', async (limit) => {
    for (const path of ['/api/v1/organisations', '/api/v1/jobs']) {
      const { error } = await rejects(() => t.api('GET', `${path}?limit=${encodeURIComponent(limit)}`), 'VALIDATION_FAILED');
      expect(fieldPaths(error)).toEqual(['limit']);
    }
  });

  it('repeated and unknown-typed filters are 400 VALIDATION_FAILED', async () => {
    await rejects(() => t.api('GET', '/api/v1/organisations?limit=1&limit=2'), 'VALIDATION_FAILED');
    await rejects(() => t.api('GET', '/api/v1/organisations?type=alien'), 'VALIDATION_FAILED');
    await rejects(() => t.api('GET', '/api/v1/organisations?areaId=Not%20An%20Id'), 'VALIDATION_FAILED');
    await rejects(() => t.api('GET', '/api/v1/jobs?status=exploded'), 'VALIDATION_FAILED');
  });
});

describe('optimistic concurrency', () => {
  it('a stale version is 409 VERSION_CONFLICT and changes nothing', async () => {
    const id = demoIds.enterprise2;
    const current = await t.api<{ version: number; nameEn: string }>('GET', `/api/v1/organisations/${id}`);
    const ok = await t.api<{ version: number }>('PATCH', `/api/v1/organisations/${id}`, { body: { version: current.body.version, nameEn: 'Conventions (Demo)' } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(current.body.version + 1);
    for (const version of [current.body.version, ok.body.version + 1, 2 ** 40]) {
      const { error } = await rejects(() => t.api('PATCH', `/api/v1/organisations/${id}`, { body: { version, nameEn: 'Lost update' } }), 'VERSION_CONFLICT');
      expect(error.details).toEqual({ currentVersion: ok.body.version });
    }
    const after = await t.api<{ version: number; nameEn: string }>('GET', `/api/v1/organisations/${id}`);
    expect(after.body).toMatchObject({ version: ok.body.version, nameEn: 'Conventions (Demo)' });
  });
});

describe('Idempotency-Key', () => {
  it('replays the same body (key order ignored) and refuses another body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const headers = { 'idempotency-key': 'conventions-reuse-1' };
    const body = { type: 'enterprise', nameZh: '示例幂等企业', areaId: 'jining', sector: 'cement' };
    const before = await snapshot();
    const first = await t.api<{ id: string }>('POST', '/api/v1/organisations', { body, headers });
    expect(first.status).toBe(201);
    const afterFirst = await snapshot();
    expect(afterFirst.organisations).toBe(before.organisations + 1);
    const reordered = await t.api<{ id: string }>('POST', '/api/v1/organisations', {
      rawBody: '{"sector":"cement","areaId":"jining","nameZh":"示例幂等企业","type":"enterprise"}',
      headers,
    });
    expect(reordered.status).toBe(201);
    expect(reordered.headers.get('idempotent-replayed')).toBe('true');
    expect(reordered.body.id).toBe(first.body.id);
    expect(await snapshot()).toEqual(afterFirst);
    for (const other of [
      { ...body, nameZh: '示例另一家' },
      { ...body, sector: null },
      { ...body, nameEn: '' },
    ]) {
      await rejects(() => t.api('POST', '/api/v1/organisations', { body: other, headers }), 'IDEMPOTENCY_KEY_REUSED');
    }
    // The same key on another route is another request: keys are scoped per route.
    const calc = await t.api('POST', '/api/v1/calc/uscc', { body: { code: '91370883MA3C00001W' }, headers });
    expect(calc.status).toBe(200);
  });

  it('two concurrent requests with one key create one record', async () => {
    const headers = { 'idempotency-key': 'conventions-concurrent-1' };
    const body = { type: 'enterprise', nameZh: '示例并发企业', areaId: 'jining' };
    const before = await snapshot();
    const responses = await Promise.all([1, 2, 3].map(() => t.api<{ id?: string }>('POST', '/api/v1/organisations', { body, headers })));
    for (const r of responses) {
      if (r.status !== 201) expectEnvelope(r, 'IDEMPOTENCY_IN_PROGRESS');
    }
    const ids = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect((await snapshot()).organisations).toBe(before.organisations + 1);
  });

  it.each([
    ['201 characters', 'k'.repeat(201)],
    ['300 characters', 'k'.repeat(300)],
    ['a space', 'two words'],
    ['a tab', 'tab\there'],
    ['a non-ASCII character', 'clé'],
  ])('a key with %s is 400 IDEMPOTENCY_KEY_INVALID', async (_name, key) => {
    await rejects(
      () => t.api('POST', '/api/v1/organisations', { body: { ...newEnterprise, nameZh: '示例无效键企业' }, headers: { 'idempotency-key': key } }),
      'IDEMPOTENCY_KEY_INVALID',
    );
  });

  it('a key of exactly 200 visible characters is accepted (control)', async () => {
    const r = await t.api('POST', '/api/v1/organisations', { body: { ...newEnterprise, nameZh: '示例长键企业' }, headers: { 'idempotency-key': `~${'k'.repeat(199)}` } });
    expect(r.status).toBe(201);
  });
});

describe('routes', () => {
  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v1/organisations/ent-001/children'],
    ['GET', '/api/v2/organisations'],
    ['GET', '/api/nope'],
    ['GET', '/api/v1/organisations/'],
  ])('%s %s is 404 ROUTE_NOT_FOUND', async (method, path) => {
    await rejects(() => t.api(method, path), 'ROUTE_NOT_FOUND');
  });

  it('a write to an unknown route is 404 ROUTE_NOT_FOUND and writes nothing', async () => {
    await rejects(() => t.api('POST', '/api/v1/nope', { body: newEnterprise }), 'ROUTE_NOT_FOUND');
    await rejects(() => t.api('POST', '/api/v1/calc/no-such-calculator', { body: { code: 'x' } }), 'ROUTE_NOT_FOUND');
  });

  it.each([
    ['DELETE', orgPath, undefined],
    ['PUT', orgPath, { version: 1, nameEn: 'x' }],
    ['POST', orgPath, { version: 1, nameEn: 'x' }],
    ['PATCH', '/api/v1/organisations', { version: 1, nameEn: 'x' }],
  ])('%s %s (no such method) gets a 404 or 405 envelope and writes nothing', async (method, path, body) => {
    const before = await snapshot();
    const r = await t.api(method, path, body === undefined ? {} : { body });
    const code = (r.body as ErrorBody).error?.code;
    expect(['ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED']).toContain(code);
    expectEnvelope(r, code as ErrorCode);
    expect(await snapshot()).toEqual(before);
  });
});

describe('request ids', () => {
  it.each(['abc-123_x.y:z', 'A'.repeat(64), '0'])('echoes the safe id %j on success and on errors', async (id) => {
    const ok = await t.api('GET', '/api/v1/areas', { headers: { 'x-request-id': id } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe(id);
    const error = expectEnvelope(await t.api('GET', '/api/v1/nope', { headers: { 'x-request-id': id } }), 'ROUTE_NOT_FOUND');
    expect(error.requestId).toBe(id);
  });

  it.each(['<script>alert(1)</script>', 'two words', 'A'.repeat(65), 'id/with/slashes', 'semi;colon', 'quote"d'])('replaces the unsafe id %j', async (id) => {
    const r = await t.api('GET', '/api/v1/nope', { headers: { 'x-request-id': id } });
    const error = expectEnvelope(r, 'ROUTE_NOT_FOUND');
    expect(error.requestId).not.toBe(id);
    expect(error.requestId).toMatch(uuid);
    expect(JSON.stringify(r.body)).not.toContain(id);
  });

  it('gives every request its own id', async () => {
    const a = await t.api('GET', '/api/v1/areas');
    const b = await t.api('GET', '/api/v1/areas');
    expect(a.headers.get('x-request-id')).toMatch(uuid);
    expect(b.headers.get('x-request-id')).toMatch(uuid);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});

describe('Accept-Language', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN;q=0.1, en;q=0.9', 'en'],
    ['fr, en;q=0.5', 'en'],
    [undefined, 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['*', 'zh-CN'],
  ] as const)('%j gives the %s message', async (header, language) => {
    const headers = header === undefined ? undefined : { 'accept-language': header };
    await rejects(() => t.api('GET', '/api/v1/organisations/no-such-org', headers ? { headers } : {}), 'NOT_FOUND', { language });
    await rejects(() => t.api('POST', '/api/v1/organisations', { rawBody: '{', ...(headers ? { headers } : {}) }), 'MALFORMED_JSON', { language });
    await rejects(() => t.api('GET', '/api/v1/nope', headers ? { headers } : {}), 'ROUTE_NOT_FOUND', { language });
  });
});

describe('security headers', () => {
  it.each([
    ['a read', () => t.api('GET', '/api/v1/areas'), 200],
    ['a validation error', () => t.api('POST', '/api/v1/organisations', { body: {} }), 400],
    ['an unknown route', () => t.api('GET', '/api/nope'), 404],
    ['a rejected body', () => t.api('POST', '/api/v1/organisations', { rawBody: 'x', headers: { 'content-type': 'text/plain' } }), 415],
    ['the OpenAPI document', () => t.api('GET', '/api/openapi.json'), 200],
  ] as const)('on %s', async (_name, send, status) => {
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the API reference has its own CSP: scripts only from this origin', async () => {
    const r = await t.api('GET', '/api/docs');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('without credentials', () => {
  it.each([
    ['a valid create', 'POST', '/api/v1/organisations', { body: newEnterprise }],
    ['malformed JSON', 'POST', '/api/v1/organisations', { rawBody: '{' }],
    ['an oversized body', 'POST', '/api/v1/organisations', { rawBody: JSON.stringify({ ...newEnterprise, nameEn: 'x'.repeat(4096) }) }],
    ['a text/plain body', 'POST', '/api/v1/calc/uscc', { rawBody: '{}', headers: { 'content-type': 'text/plain' } }],
    ['an update', 'PATCH', orgPath, { body: { version: 1, nameEn: 'Anonymous' } }],
    ['a list', 'GET', '/api/v1/organisations', {}],
    ['an unknown route', 'GET', '/api/v1/nope', {}],
    ['a malformed Authorization header', 'POST', '/api/v1/organisations', { body: newEnterprise, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }],
    ['an unknown bearer token', 'POST', '/api/v1/organisations', { body: newEnterprise, headers: { authorization: `Bearer ${'a'.repeat(43)}` } }],
  ] as const)('%s is 401 UNAUTHENTICATED before any body check, and writes nothing', async (_name, method, path, init) => {
    const { response } = await rejects(() => t.anonymous(method, path, init), 'UNAUTHENTICATED');
    expect(JSON.stringify(response.body)).not.toMatch(/nameZh|details/);
  });
});

describe('U+0000, which PostgreSQL text cannot hold, is a 4xx wherever it comes in (not a 500)', () => {
  // Expected: a 4xx with a stable code (VALIDATION_FAILED or INVALID_CURSOR) and no write.
  it.each([
    ['POST /api/v1/organisations nameZh', 'POST', '/api/v1/organisations', { ...newEnterprise, nameZh: 'a\u0000b' }],
    ['POST /api/v1/organisations nameEn', 'POST', '/api/v1/organisations', { ...newEnterprise, nameEn: '\u0000' }],
    ['PATCH /api/v1/organisations/{id} nameEn', 'PATCH', orgPath, { version: 1, nameEn: 'a\u0000b' }],
    ['GET /api/v1/organisations?q=', 'GET', `/api/v1/organisations?q=a%00b`, undefined],
    ['GET /api/v1/organisations?cursor= (id with U+0000)', 'GET', `/api/v1/organisations?cursor=${enc({ id: '\u0000' })}`, undefined],
    ['GET /api/v1/jobs?kind=', 'GET', '/api/v1/jobs?kind=%00', undefined],
  ])('%s', async (_name, method, path, body) => {
    const before = await snapshot();
    const r = await t.api<ErrorBody>(method, path, body === undefined ? {} : { body });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expectEnvelope(r, r.body.error.code as ErrorCode);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a lone UTF-16 surrogate (valid JSON syntax, not Unicode) is a 4xx, not a 500', () => {
  // "\ud800" parses in JavaScript but is no character: I-JSON (RFC 7493) refuses it, PostgreSQL
  // would store U+FFFD instead, and a canonical serialiser (audit hashing) throws on it.
  it.each([
    ['POST /api/v1/organisations nameZh', 'POST', '/api/v1/organisations', '{"type":"enterprise","nameZh":"示例\\ud800","areaId":"jining"}'],
    ['POST /api/v1/organisations nameEn', 'POST', '/api/v1/organisations', '{"type":"enterprise","nameZh":"示例代理对","nameEn":"x\\udfffy","areaId":"jining"}'],
    ['PATCH /api/v1/organisations/{id} nameEn', 'PATCH', orgPath, '{"version":1,"nameEn":"\\ud800"}'],
    ['POST /api/v1/calc/uscc code', 'POST', '/api/v1/calc/uscc', '{"code":"xxxxxxxx\\ud800xxxxxxxx"}'],
  ])('%s', async (_name, method, path, rawBody) => {
    expect(JSON.parse(rawBody)).toBeTruthy(); // the body itself is well-formed JSON
    const before = await snapshot();
    const r = await t.api<ErrorBody>(method, path, { rawBody });
    expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    expectEnvelope(r, r.body.error.code as ErrorCode);
    expect(await snapshot()).toEqual(before);
  });
});

describe('area-scoped callers', () => {
  it('a county user listing another area gets an empty page or a 4xx, not a 500', async () => {
    // organisation-routes.ts narrows such a filter to a sentinel area id; it must never reach SQL as U+0000.
    const county = t.as('zoucheng');
    const own = await county<{ items: Array<{ areaId: string }> }>('GET', '/api/v1/organisations?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((o) => o.areaId === 'zoucheng')).toBe(true);
    const other = await county<{ items?: unknown[] } & Partial<ErrorBody>>('GET', '/api/v1/organisations?areaId=jining');
    expect(other.status, JSON.stringify(other.body)).toBeLessThan(500);
    if (other.status === 200) expect(other.body.items).toEqual([]);
    else expectEnvelope(other, other.body.error!.code as ErrorCode);
  });
});

describe('deeply nested JSON is a 4xx, never a stack overflow', () => {
  // V8's JSON.parse takes 100 000 levels; any recursive walk over the parsed body must not turn
  // that into a RangeError (500). 100 000 levels of [] are 200 kB, within the default body limit.
  let big: TestPlatform;
  beforeAll(async () => {
    big = await testPlatform();
  });
  afterAll(() => big?.close());

  const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;
  it.each([
    ['POST', '/api/v1/organisations', 'nameZh'],
    ['PATCH', orgPath, 'nameEn'],
    ['POST', '/api/v1/calc/uscc', 'code'],
  ])('%s %s', async (method, path, field) => {
    const count = async () => (await big.db.query<{ n: number }>('select count(*)::int as n from organisations'))[0]!.n;
    const before = await count();
    for (const depth of [1_000, 5_000, 10_000, 50_000, 100_000]) {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        for (const rawBody of [nested(depth, open, close), `{"${field}":${nested(depth, open, close)}}`]) {
          const r = await big.api<ErrorBody>(method, path, { rawBody });
          expect(r.status, `depth ${depth} ${open}: ${JSON.stringify(r.body).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(r.status, `depth ${depth} ${open}: ${JSON.stringify(r.body).slice(0, 200)}`).toBeLessThan(500);
          expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(r.body.error.code);
          expect(r.body.error.requestId).toBe(r.headers.get('x-request-id'));
        }
      }
    }
    expect(await count()).toBe(before);
  });
});

describe('rate limit', () => {
  let limited: TestPlatform;
  beforeAll(async () => {
    limited = await testPlatform({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => limited?.close());

  it('answers 429 RATE_LIMITED with Retry-After after 5 requests a minute, and writes nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await limited.api('GET', '/api/v1/areas')).status).toBe(200);
    const count = async () => (await limited.db.query<{ n: number }>('select count(*)::int as n from organisations'))[0]!.n;
    const before = await count();
    for (const send of [
      () => limited.api('GET', '/api/v1/areas', { headers: { 'accept-language': 'en' } }),
      () => limited.api('POST', '/api/v1/organisations', { body: newEnterprise, headers: { 'accept-language': 'en' } }),
      () => limited.api('GET', '/api/v1/nope', { headers: { 'accept-language': 'en' } }),
    ]) {
      const r = await send();
      expect(r.status).toBe(429);
      const body = r.body as ErrorBody;
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message).toBe(errorCatalog.RATE_LIMITED.en);
      expect(body.error.requestId).toBe(r.headers.get('x-request-id'));
      const retryAfter = r.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect(body.error.details).toEqual({ retryAfterSeconds: Number(retryAfter) });
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(JSON.stringify(body)).not.toMatch(leak);
    }
    expect(await count()).toBe(before);
  });
});

describe('the OpenAPI document and the API reference over HTTP', () => {
  it('GET /api/openapi.json is the document buildOpenApiDocument() builds', async () => {
    const r = await t.api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\.1\.\d+$/);
    const offline = buildOpenApiDocument();
    expect(Object.keys(r.body.paths).sort()).toEqual(Object.keys(offline.paths ?? {}).sort());
    for (const [path, item] of Object.entries(r.body.paths)) expect(Object.keys(item).sort(), path).toEqual(Object.keys(offline.paths?.[path] ?? {}).sort());
    expect(Object.keys(r.body.paths)).toContain('/api/v1/organisations');
  });

  it('a write the document declares without a request body is accepted without one (no 415, no MALFORMED_JSON)', async () => {
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const bodiless = Object.entries(doc.paths).flatMap(([path, item]) =>
      (['post', 'put', 'patch', 'delete'] as const).filter((m) => item[m] && !item[m].requestBody).map((m) => [m.toUpperCase(), path] as const),
    );
    const refused: string[] = [];
    for (const [method, template] of bodiless) {
      const r = await raw(template.replace(/\{[^}]+\}/g, 'no-such-id'), { method });
      const code = (r.body as Partial<ErrorBody>).error?.code;
      expect(r.status, `${method} ${template}`).toBeLessThan(500);
      if (code === 'UNSUPPORTED_MEDIA_TYPE' || code === 'MALFORMED_JSON') refused.push(`${method} ${template} → ${r.status} ${code}`);
    }
    expect(refused).toEqual([]);
  });

  it('GET /api/docs is HTML that loads only local /api/docs/… assets, each served with its type', async () => {
    const page = await raw('/api/docs', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = String(page.body);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>/gi)].filter((m) => /rel\s*=\s*["']?stylesheet/i.test(m[0])).map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    // No absolute or protocol-relative URL anywhere in the page, not only in script and link tags.
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/i); // no inline script: the CSP forbids it
    for (const [urls, type] of [
      [scripts, /^(text|application)\/javascript/],
      [styles, /^text\/css/],
    ] as const) {
      for (const url of urls) {
        expect(url).toMatch(/^\/api\/docs\/[\w.-]+$/);
        const asset = await t.platform.app.request(url);
        expect(asset.status, url).toBe(200);
        expect(asset.headers.get('content-type'), url).toMatch(type);
        expect((await asset.text()).length, url).toBeGreaterThan(0);
      }
    }
  });

  it('the API reference loads the document from this server and makes no third-party requests', async () => {
    const init = await t.platform.app.request('/api/docs/init.js');
    const text = await init.text();
    expect(text).toContain("url: '/api/openapi.json'");
    expect(text).not.toMatch(/https?:\/\//);
    // Swagger UI's default validatorUrl is https://validator.swagger.io/validator: on any host but
    // localhost it renders a badge <img> that sends the document's URL there. It must be off.
    expect(text).toMatch(/validatorUrl\s*:\s*(null|['"]none['"])/);
  });
});
