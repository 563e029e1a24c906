/**
 * A download through fetch (the session cookie, Accept-Language) saved from a blob, so a refusal
 * shows as the API's message instead of a saved error page. The file name is the server's
 * (`filename*` of Content-Disposition, UTF-8), else `fallbackName`.
 *
 * @example await downloadFile({ path: '/api/v1/enterprises/ent-002/report.pdf', query: { purpose: 'pre_loan' }, fallbackName: 'report.pdf', language: 'zh-CN' })
 */
import type { ErrorEnvelope } from '@cfp/contracts';
import { ApiError, toQueryString, type Query } from '../../app/api-client.ts';

/** The name in `filename*=UTF-8''…`, else the quoted `filename`, else null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

export async function downloadFile(options: { path: string; query?: Query; fallbackName: string; language: string }): Promise<string> {
  const response = await fetch(`${options.path}${toQueryString(options.query)}`, { credentials: 'same-origin', headers: { 'Accept-Language': options.language } });
  if (!response.ok) {
    const envelope = ((await response.json().catch(() => undefined)) as Partial<ErrorEnvelope> | undefined)?.error;
    throw new ApiError({ status: response.status, code: envelope?.code ?? 'INTERNAL', message: envelope?.message ?? `HTTP ${response.status}`, requestId: envelope?.requestId });
  }
  const name = fileNameOf(response.headers.get('content-disposition')) ?? options.fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
