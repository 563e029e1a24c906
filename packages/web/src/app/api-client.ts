/**
 * The web app's API client: JSON in and out (multipart for uploads), the session cookie (same origin), `X-CSRF-Token` on
 * writes, `Accept-Language` per the language toggle, and the error envelope's message as the
 * thrown error's message.
 */
import type { ErrorCode, ErrorEnvelope } from '@cfp/contracts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly requestId: string | undefined;
  /** The envelope's details (e.g. `fields` of VALIDATION_FAILED), to show errors beside their fields. */
  readonly details: unknown;
  constructor(options: { status: number; code: ErrorCode | 'NETWORK'; message: string; requestId?: string | undefined; details?: unknown }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.details = options.details;
  }
}

export interface ApiClientOptions {
  /** The language of the toggle, sent as Accept-Language. */
  language: () => string;
  /** The CSRF token from sign-in (kept in memory only). */
  csrfToken: () => string | null;
  /** Called on 401 so the app can return to the login page. */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | undefined | null>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** A multipart/form-data POST (file uploads); the browser sets the boundary. */
  upload<T>(path: string, form: FormData): Promise<T>;
}

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  async function send<T>(method: string, path: string, body: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': options.language(), ...extraHeaders };
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (method !== 'GET') {
      if (!isForm) headers['Content-Type'] = 'application/json';
      const csrf = options.csrfToken();
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    let response: Response;
    try {
      response = await doFetch(path, { method, headers, credentials: 'same-origin', body: method === 'GET' ? undefined : isForm ? body : JSON.stringify(body ?? {}) });
    } catch (error) {
      throw new ApiError({ status: 0, code: 'NETWORK', message: error instanceof Error ? error.message : String(error) });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (a proxy's error page): the status speaks for itself
    }
    if (!response.ok) {
      const envelope = (parsed as Partial<ErrorEnvelope> | undefined)?.error;
      if (response.status === 401 && envelope?.code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
      throw new ApiError({
        status: response.status,
        code: envelope?.code ?? 'INTERNAL',
        message: envelope?.message ?? `HTTP ${response.status}`,
        requestId: envelope?.requestId,
        details: envelope?.details,
      });
    }
    return parsed as T;
  }
  return {
    get: (path, query) => send('GET', `${path}${toQueryString(query)}`, undefined),
    post: (path, body, headers) => send('POST', path, body, headers),
    patch: (path, body, headers) => send('PATCH', path, body, headers),
    upload: (path, form) => send('POST', path, form),
  };
}
