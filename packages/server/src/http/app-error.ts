/**
 * The one error class. Services throw AppError with a stable code; the error handler turns it
 * into the envelope, with the status from the contracts' catalogue and a message in the caller's
 * language. Anything else becomes INTERNAL with nothing internal in the response.
 */
import { errorCatalog, type ErrorCode, type ErrorEnvelope, type Language } from '@cfp/contracts';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export function envelope(options: { code: ErrorCode; language: Language; requestId: string; details?: unknown }): ErrorEnvelope {
  const entry = errorCatalog[options.code];
  return {
    error: {
      code: options.code,
      message: options.language === 'en' ? entry.en : entry.zh,
      ...(options.details === undefined ? {} : { details: options.details }),
      requestId: options.requestId,
    },
  };
}

/** zh-CN unless the caller prefers English in Accept-Language (quality values honoured). */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
