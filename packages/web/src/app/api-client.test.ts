import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, toQueryString } from './api-client.ts';

function recorder(response: { status: number; body: unknown }) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchStub = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(response.body), { status: response.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetchStub };
}

describe('api client', () => {
  it('sends X-CSRF-Token on writes only, and Accept-Language from the toggle', async () => {
    const { calls, fetchStub } = recorder({ status: 200, body: { ok: true } });
    let language = 'zh-CN';
    const api = createApiClient({ language: () => language, csrfToken: () => 'csrf-1', fetch: fetchStub });
    await api.get('/api/v1/me');
    language = 'en';
    await api.post('/api/v1/consents', { a: 1 });
    const [read, write] = calls.map((c) => c.init.headers as Record<string, string>);
    expect(read!['X-CSRF-Token']).toBeUndefined();
    expect(read!['Accept-Language']).toBe('zh-CN');
    expect(write!['X-CSRF-Token']).toBe('csrf-1');
    expect(write!['Accept-Language']).toBe('en');
    expect(write!['Content-Type']).toBe('application/json');
    expect(calls[1]!.init.body).toBe('{"a":1}');
  });

  it("throws the error envelope's message and code, and reports 401 UNAUTHENTICATED", async () => {
    const { fetchStub } = recorder({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录，或登录已过期。', requestId: 'r1' } } });
    let signedOut = false;
    const api = createApiClient({ language: () => 'zh-CN', csrfToken: () => null, fetch: fetchStub, onUnauthenticated: () => (signedOut = true) });
    const error = await api.get('/api/v1/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('请先登录，或登录已过期。');
    expect((error as ApiError).code).toBe('UNAUTHENTICATED');
    expect((error as ApiError).requestId).toBe('r1');
    expect(signedOut).toBe(true);
  });

  it('uploads multipart forms as they are, with the CSRF token and no JSON content type', async () => {
    const { calls, fetchStub } = recorder({ status: 201, body: { id: 'f1' } });
    const api = createApiClient({ language: () => 'en', csrfToken: () => 'csrf-2', fetch: fetchStub });
    const form = new FormData();
    form.set('attachedToType', 'enterprise');
    await api.upload('/api/v1/files', form);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBeUndefined();
    expect(headers['X-CSRF-Token']).toBe('csrf-2');
    expect(calls[0]!.init.body).toBe(form);
  });

  it('patches with JSON, the CSRF token and the PATCH method', async () => {
    const { calls, fetchStub } = recorder({ status: 200, body: { id: 'm1' } });
    const api = createApiClient({ language: () => 'zh-CN', csrfToken: () => 'csrf-3', fetch: fetchStub });
    await api.patch('/api/v1/supervision/milestones/m1', { version: 1, done: true });
    expect(calls[0]!.init.method).toBe('PATCH');
    expect((calls[0]!.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-3');
    expect(calls[0]!.init.body).toBe('{"version":1,"done":true}');
  });

  it('leaves empty query values out', () => {
    expect(toQueryString({ type: 'bank', q: '', cursor: undefined, limit: 50 })).toBe('?type=bank&limit=50');
    expect(toQueryString({})).toBe('');
  });
});
