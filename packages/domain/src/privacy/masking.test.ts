import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCharacter, maskIdLike, maskName, maskPhone } from './masking.ts';
import { normalisePhone } from './normalise-personal-data.ts';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const count = (s: string): number => [...graphemes.segment(s)].length;
const hiddenCount = (s: string): number => [...s].filter((c) => c === maskCharacter).length;

describe('maskPhone', () => {
  it.each([
    { input: '13812345678', expected: '138****5678', why: 'mainland mobile: national convention' },
    { input: '+86 138 1234 5678', expected: '138****5678', why: 'formatted mobile is normalised first' },
    { input: '0086-138-1234-5678', expected: '138****5678', why: '0086 prefix' },
    { input: '01012345678', expected: '0******5678', why: '11-digit landline: at least half hidden' },
    { input: '+85291234567', expected: '+8******4567', why: 'Hong Kong: 12 characters, 6 shown' },
    { input: '00441234567890', expected: '004*******7890', why: '14 characters: 3 + 4 shown' },
    { input: '12345678', expected: '****5678', why: '8 characters: the last 4' },
    { input: '1234567', expected: '****567', why: '7 characters: 3 shown' },
    { input: '1234', expected: '**34', why: '4 characters' },
    { input: '12', expected: '*2', why: '2 characters' },
    { input: '1', expected: '*', why: '1 character' },
    { input: '', expected: '', why: 'empty' },
    { input: '  12345678 ', expected: '****5678', why: 'surrounding space ignored' },
  ])('$input → $expected ($why)', ({ input, expected }) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('maskName', () => {
  it.each([
    { input: '张三', expected: '张*', why: 'two-character Chinese name' },
    { input: '王小明', expected: '王**', why: 'three characters' },
    { input: '欧阳娜娜', expected: '欧***', why: 'compound surname: only the first character shown' },
    { input: '阿依古丽·买买提', expected: '阿*******', why: 'the middle dot is hidden too' },
    { input: 'Li Lei', expected: 'L*****', why: 'Latin: first letter, the space is hidden too' },
    { input: 'José', expected: 'J***', why: 'precomposed accent' },
    { input: 'Jose\u0301', expected: 'J***', why: 'combining accent is part of its letter' },
    { input: '𠀋一', expected: '𠀋*', why: 'astral ideograph is one character' },
    { input: '一𠀋𠀋', expected: '一**', why: 'astral characters hidden one star each' },
    { input: '👩‍👩‍👧x', expected: '👩‍👩‍👧*', why: 'emoji sequence is one character' },
    { input: '张', expected: '*', why: 'one character is hidden entirely' },
    { input: '𠀋', expected: '*', why: 'one astral character is hidden entirely' },
    { input: '', expected: '', why: 'empty' },
    { input: '  张三  ', expected: '张*', why: 'surrounding space ignored' },
  ])('$input → $expected ($why)', ({ input, expected }) => {
    expect(maskName(input)).toBe(expected);
  });
});

describe('maskIdLike', () => {
  it.each([
    { input: 'R-2024-0007', expected: 'R*********7', why: 'first and last shown' },
    { input: 'abcd', expected: 'a**d', why: '4 characters: half hidden' },
    { input: 'abc', expected: '***', why: 'under 4: hidden entirely' },
    { input: 'ab', expected: '**', why: '2 characters' },
    { input: 'a', expected: '*', why: '1 character' },
    { input: '', expected: '', why: 'empty' },
    { input: '𠀋𠀋𠀋𠀋𠀋', expected: '𠀋***𠀋', why: 'astral characters counted once' },
  ])('$input → $expected ($why)', ({ input, expected }) => {
    expect(maskIdLike(input)).toBe(expected);
  });
});

describe('every mask', () => {
  // Inputs without the mask character, so the stars in the output are exactly the hidden characters.
  const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes(maskCharacter));

  it.each([
    { name: 'maskPhone', mask: maskPhone },
    { name: 'maskName', mask: maskName },
    { name: 'maskIdLike', mask: maskIdLike },
  ])('$name hides at least half of a non-mobile value and shows at most 7 characters', ({ mask }) => {
    fc.assert(
      fc.property(text, (s) => {
        if (normalisePhone(s) !== null) return;
        const n = count(s.trim());
        const masked = mask(s);
        expect(hiddenCount(masked)).toBeGreaterThanOrEqual(Math.ceil(n / 2));
        expect(count(masked.replaceAll(maskCharacter, ''))).toBeLessThanOrEqual(7);
        if (n > 0) expect(masked).not.toBe(s.trim());
      }),
    );
  });

  it('maskPhone of any mainland mobile shows exactly its first 3 and last 4 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        expect(maskPhone(m)).toBe(`${m.slice(0, 3)}****${m.slice(7)}`);
      }),
    );
  });
});
