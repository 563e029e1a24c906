import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseName, normalisePhone } from './normalise-personal-data.ts';

describe('normalisePhone', () => {
  it.each([
    { input: '13812345678', expected: '13812345678', why: 'already canonical' },
    { input: '138 1234 5678', expected: '13812345678', why: 'spaces' },
    { input: '138-1234-5678', expected: '13812345678', why: 'dashes' },
    { input: '+86 13812345678', expected: '13812345678', why: '+86 prefix' },
    { input: '+86-138-1234-5678', expected: '13812345678', why: '+86 with dashes' },
    { input: '0086 138 1234 5678', expected: '13812345678', why: '0086 prefix' },
    { input: '8613812345678', expected: '13812345678', why: 'bare 86 prefix' },
    { input: '(+86) 138.1234.5678', expected: '13812345678', why: 'brackets and dots' },
    { input: '１３８１２３４５６７８', expected: '13812345678', why: 'full-width digits' },
    { input: '\u3000138\u00A01234\t5678 ', expected: '13812345678', why: 'ideographic and no-break spaces' },
    { input: '19912345678', expected: '19912345678', why: '19x block' },
  ])('$input → $expected ($why)', ({ input, expected }) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    { input: '', why: 'empty' },
    { input: '1381234567', why: '10 digits' },
    { input: '138123456789', why: '12 digits' },
    { input: '12812345678', why: '12x is not a mobile block' },
    { input: '01012345678', why: 'Beijing landline' },
    { input: '+85291234567', why: 'Hong Kong' },
    { input: '+1 415 555 0100', why: 'North America' },
    { input: '+8613812345678x', why: 'trailing letter' },
    { input: '86 1381234567', why: '86 followed by 10 digits' },
    { input: '+87 13812345678', why: 'another country code' },
  ])('rejects $input ($why)', ({ input }) => {
    expect(normalisePhone(input)).toBeNull();
  });

  it('is idempotent and only ever returns 11-digit mobile numbers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const n = normalisePhone(s);
        if (n === null) return;
        expect(n).toMatch(/^1[3-9]\d{9}$/);
        expect(normalisePhone(n)).toBe(n);
      }),
    );
  });
});

describe('normaliseName', () => {
  it.each([
    { input: '张三', expected: '张三', why: 'already canonical' },
    { input: '  张三 ', expected: '张三', why: 'trimmed' },
    { input: 'Li   Lei', expected: 'Li Lei', why: 'inner whitespace collapsed' },
    { input: 'Li\u3000Lei', expected: 'Li Lei', why: 'ideographic space' },
    { input: 'Ｌｉ Ｌｅｉ', expected: 'Li Lei', why: 'full-width Latin' },
    { input: '阿依古丽・买买提', expected: '阿依古丽·买买提', why: 'katakana middle dot' },
    { input: '阿依古丽･买买提', expected: '阿依古丽·买买提', why: 'half-width middle dot' },
    { input: '阿依古丽•买买提', expected: '阿依古丽·买买提', why: 'bullet' },
    { input: 'Jose\u0301', expected: 'José', why: 'combining accent composed' },
    { input: '', expected: '', why: 'empty' },
  ])('$input → $expected ($why)', ({ input, expected }) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const n = normaliseName(s);
        expect(normaliseName(n)).toBe(n);
      }),
    );
  });
});
