import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsvText } from './decode-csv-text.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SpreadsheetError) return { code: e.code, details: e.details };
    throw e;
  }
  return undefined;
};

describe('decodeCsvText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsvText(utf8('月份,用电量\r\n'))).toEqual({ text: '月份,用电量\r\n', encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    expect(decodeCsvText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('月份')]))).toEqual({ text: '月份', encoding: 'utf-8' });
  });

  it('falls back to GB18030 for bytes that are not UTF-8 (中文 = D6D0 CEC4)', () => {
    expect(decodeCsvText(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0x31]))).toEqual({ text: '中文,1', encoding: 'gb18030' });
  });

  it('reads a GB18030 file made by iconv, including a four-byte character outside GBK (𠮷)', () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/energy-gb18030.csv', import.meta.url)));
    const { text, encoding } = decodeCsvText(bytes);
    expect(encoding).toBe('gb18030');
    expect(text.split('\r\n')[0]).toBe('企业名称,统一社会信用代码,月份,用电量（千瓦时）');
    expect(text).toContain('山东𠮷祥能源有限公司');
  });

  it('refuses UTF-16 ("Unicode text") with its own reason', () => {
    expect(codeOf(() => decodeCsvText(new Uint8Array([0xff, 0xfe, 0x08, 0x67])))).toEqual({ code: 'ENCODING', details: { reason: 'utf-16' } });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    // 0x80 and 0xFF are not lead bytes in GB18030.
    expect(codeOf(() => decodeCsvText(new Uint8Array([0x61, 0xff, 0x80])))).toEqual({ code: 'ENCODING', details: { reason: 'invalid' } });
  });

  it('refuses a UTF-8 BOM followed by invalid UTF-8 rather than guessing', () => {
    expect(codeOf(() => decodeCsvText(new Uint8Array([0xef, 0xbb, 0xbf, 0xd6, 0xd0])))).toEqual({ code: 'ENCODING', details: { reason: 'invalid' } });
  });
});
