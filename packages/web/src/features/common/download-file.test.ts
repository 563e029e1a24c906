import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download-file.ts';

describe('fileNameOf', () => {
  it('reads the UTF-8 name first, then the plain one', () => {
    expect(fileNameOf(`attachment; filename="___-2024.pdf"; filename*=UTF-8''${encodeURIComponent('企业碳账户报告-示例-2024.pdf')}`)).toBe('企业碳账户报告-示例-2024.pdf');
    expect(fileNameOf('attachment; filename="report.pdf"')).toBe('report.pdf');
    expect(fileNameOf(`attachment; filename="x.pdf"; filename*=UTF-8''%E4%ZZ`)).toBe('x.pdf');
    expect(fileNameOf(null)).toBeNull();
  });
});
