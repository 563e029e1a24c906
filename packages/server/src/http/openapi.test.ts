/**
 * The OpenAPI document, built without a database: OpenAPI 3.1, every /api/v1 path with an
 * operation, every operation documenting its failures with the one error envelope, and every write
 * with a required JSON body (the file upload: multipart/form-data). (Served over HTTP: conventions.db.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { errorCodes } from '@cfp/contracts';
import { buildOpenApiDocument } from './app.ts';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const envelopeRef = '#/components/schemas/ErrorEnvelope';

const doc = buildOpenApiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, Json> } };
const apiPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/') || p === '/api/v1');
const operations = apiPaths.flatMap((path) =>
  methods.filter((m) => doc.paths[path]![m] !== undefined).map((method) => ({ path, method, op: doc.paths[path]![method] as Operation, name: `${method.toUpperCase()} ${path}` })),
);
const writes = operations.filter((o) => o.method === 'post' || o.method === 'patch' || o.method === 'put');
/** File uploads take multipart/form-data (read by the route with its own size limit); every other write takes JSON. */
const isMultipart = (o: (typeof operations)[number]): boolean => Object.keys(o.op.requestBody?.content ?? {}).includes('multipart/form-data');
const jsonWrites = writes.filter((o) => !isMultipart(o));
const multipartWrites = writes.filter(isMultipart);

/** Follows a local `$ref` into components. */
function resolve(schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return doc.components?.schemas?.[name];
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.x', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('has the API paths this release ships (so that the checks below are not vacuous)', () => {
    expect(apiPaths).toEqual(
      expect.arrayContaining(['/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/areas', '/api/v1/jobs', '/api/v1/jobs/{id}', '/api/v1/calc', '/api/v1/calc/uscc']),
    );
    expect(writes.map((w) => w.name)).toEqual(expect.arrayContaining(['POST /api/v1/organisations', 'PATCH /api/v1/organisations/{id}', 'POST /api/v1/calc/uscc']));
  });

  it.each(apiPaths)('%s has at least one operation', (path) => {
    expect(methods.filter((m) => doc.paths[path]![m] !== undefined).length).toBeGreaterThan(0);
  });

  it('defines ErrorEnvelope as the error contract: code from the catalogue, message, details?, requestId', () => {
    const envelope = resolve({ $ref: envelopeRef });
    expect(envelope).toBeDefined();
    const error = (envelope!.properties as Record<string, Json>).error!;
    expect(envelope!.required).toEqual(['error']);
    expect([...(error.required as string[])].sort()).toEqual(['code', 'message', 'requestId']);
    const props = error.properties as Record<string, Json>;
    expect(Object.keys(props).sort()).toEqual(['code', 'details', 'message', 'requestId']);
    expect([...(props.code!.enum as string[])].sort()).toEqual([...errorCodes].sort());
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s declares a 4xx response with the ErrorEnvelope', (_name, { op }) => {
    const errors = Object.entries(op.responses ?? {}).filter(([status]) => /^4(\d\d|XX)$/.test(status));
    expect(errors.length).toBeGreaterThan(0);
    for (const [status, response] of errors) expect(response.content?.['application/json']?.schema?.$ref, status).toBe(envelopeRef);
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s documents 429 RATE_LIMITED (the limiter answers every /api/v1 request)', (_name, { op }) => {
    expect(op.responses?.['429']?.content?.['application/json']?.schema?.$ref).toBe(envelopeRef);
  });

  it.each(jsonWrites.map((o) => [o.name, o] as const))('%s has a required JSON body with a strict object schema, and documents 400, 413 and 415', (_name, { op }) => {
    expect(op.requestBody?.required).toBe(true);
    expect(Object.keys(op.requestBody?.content ?? {})).toEqual(['application/json']);
    const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
    // An action without input (sign out, revoke) declares the empty object `{}`: still a JSON object.
    expect(schema?.type).toBe('object');
    // The body schemas are strict: unknown fields are rejected, as the description promises.
    expect(schema?.additionalProperties).toBe(false);
    for (const status of ['400', '413', '415']) expect(op.responses?.[status]?.content?.['application/json']?.schema?.$ref, status).toBe(envelopeRef);
  });

  it('takes multipart/form-data only for the file upload', () => {
    expect(multipartWrites.map((w) => w.name)).toEqual(['POST /api/v1/files']);
  });

  it.each(multipartWrites.map((o) => [o.name, o] as const))(
    '%s has a required multipart/form-data body with a strict object schema and a binary file part, and documents 400, 413 and 415',
    (_name, { op }) => {
      expect(op.requestBody?.required).toBe(true);
      expect(Object.keys(op.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
      const schema = resolve(op.requestBody?.content?.['multipart/form-data']?.schema);
      expect(schema?.type).toBe('object');
      expect(schema?.additionalProperties).toBe(false);
      expect((schema?.properties as Record<string, Json>).file).toMatchObject({ type: 'string', format: 'binary' });
      expect(schema?.required).toContain('file');
      for (const status of ['400', '413', '415']) expect(op.responses?.[status]?.content?.['application/json']?.schema?.$ref, status).toBe(envelopeRef);
    },
  );

  it.each(operations.map((o) => [o.name, o] as const))('%s declares every {parameter} of its path', (_name, { path, op }) => {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
    expect(declared.map((p) => p.name).sort()).toEqual(inPath.sort());
    for (const p of declared) expect(p.required).toBe(true);
  });
});
