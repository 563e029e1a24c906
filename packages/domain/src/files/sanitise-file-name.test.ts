import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedFileTypes } from './sniff-file-type.ts';
import { maxFileNameLength, sanitiseFileName } from './sanitise-file-name.ts';

describe('sanitiseFileName', () => {
  it.each([
    { name: '2024年能耗数据.xlsx', type: 'xlsx', expected: '2024年能耗数据.xlsx', why: 'a Chinese name is kept' },
    { name: 'C:\\Users\\张三\\Desktop\\报告.pdf', type: 'pdf', expected: '报告.pdf', why: 'Windows path: the last segment' },
    { name: '../../etc/passwd', type: 'csv', expected: 'passwd.csv', why: 'no traversal; the real type’s extension added' },
    { name: 'invoice.pdf.exe', type: 'pdf', expected: 'invoice.pdf.exe.pdf', why: 'a name that would run as a program gets the real extension' },
    { name: 'photo.JPEG', type: 'jpeg', expected: 'photo.JPEG', why: 'any extension of the type, in any case' },
    { name: 'photo.png', type: 'jpeg', expected: 'photo.png.jpg', why: 'the declared extension is not what the bytes are' },
    { name: 'evil\u202Efdp.exe', type: 'pdf', expected: 'evilfdp.exe.pdf', why: 'bidirectional override removed' },
    { name: 'a\u0000b\u0007c\u200b.csv', type: 'csv', expected: 'abc.csv', why: 'controls and zero-width characters removed' },
    { name: 'a<b>c:d"e|f?g*.csv', type: 'csv', expected: 'a_b_c_d_e_f_g_.csv', why: 'Windows-reserved characters' },
    { name: '  .hidden . ', type: 'pdf', expected: 'hidden.pdf', why: 'no leading dot, no trailing dots or spaces' },
    { name: 'tab\there\n  and\u3000there.csv', type: 'csv', expected: 'tab here and there.csv', why: 'whitespace runs become one space' },
    { name: 'CON.pdf', type: 'pdf', expected: 'file_CON.pdf', why: 'Windows device name' },
    { name: '', type: 'png', expected: 'file.png', why: 'empty' },
    { name: '...', type: 'gif', expected: 'file.gif', why: 'only dots' },
    { name: '.pdf', type: 'pdf', expected: 'pdf.pdf', why: 'a dot file is a stem, not an extension' },
    { name: 'e\u0301.csv', type: 'csv', expected: 'é.csv', why: 'NFC' },
    { name: 'x\ud800y.csv', type: 'csv', expected: 'xy.csv', why: 'lone surrogate removed' },
  ] as const)('$name → $expected ($why)', ({ name, type, expected }) => {
    expect(sanitiseFileName({ name, type })).toBe(expected);
  });

  it('shortens long names but keeps the extension', () => {
    const name = sanitiseFileName({ name: `${'碳'.repeat(500)}.xlsx`, type: 'xlsx' });
    expect([...name]).toHaveLength(maxFileNameLength);
    expect(name.endsWith('碳.xlsx')).toBe(true);
  });

  it('keeps its invariants for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...allowedFileTypes), (raw, type) => {
        const name = sanitiseFileName({ name: raw, type });
        const length = [...name].length;
        expect(length).toBeGreaterThan(0);
        expect(length).toBeLessThanOrEqual(maxFileNameLength);
        expect(name).toBe(name.normalize('NFC'));
        // eslint-disable-next-line no-control-regex -- no control character may remain
        expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/);
        expect(name).not.toMatch(/^[\s.]|[\s.]$/u);
        expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(sanitiseFileName({ name, type })).toBe(name); // idempotent
      }),
    );
  });
});
