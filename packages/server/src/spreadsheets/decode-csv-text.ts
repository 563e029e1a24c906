/**
 * The text of an uploaded CSV. Excel writes UTF-8 with a BOM ("CSV UTF-8") or, on Chinese Windows,
 * the ANSI code page — GBK, which GB18030 contains. So: UTF-8 when the bytes are valid UTF-8 (a
 * GBK file almost never is), GB18030 otherwise. Both decoders are fatal: an invalid byte is an
 * ENCODING error, never a silent U+FFFD in someone's company name. Node's full-ICU TextDecoder
 * decodes GB18030 (no iconv needed).
 *
 * @example
 * decodeCsvText(bytes) // { text: '企业名称,…', encoding: 'gb18030' }
 */
import { spreadsheetError } from './spreadsheet-error.ts';

export type CsvEncoding = 'utf-8' | 'gb18030';

export function decodeCsvText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) throw spreadsheetError('ENCODING', { reason: 'utf-16' });
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    try {
      // ignoreBOM: false (the default) drops the BOM.
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch (cause) {
      throw spreadsheetError('ENCODING', { reason: 'invalid' }, { cause });
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: try GB18030 below.
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch (cause) {
    throw spreadsheetError('ENCODING', { reason: 'invalid' }, { cause });
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
