import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidUscc, makeUscc, usccCharset, usccCheckCharacter } from './uscc.ts';

/** Weights in reference/finance-policy.json, repeated here so a changed reference file fails a test. */
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

describe('usccCheckCharacter', () => {
  it('uses the GB 32100 character set and the weights 3^(i−1) mod 31', () => {
    expect(usccCharset).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    expect(weights.map((_, i) => 3 ** i % 31)).toEqual(weights);
  });

  // Worked by hand for '91370883000000001':
  //   values   9  1  3   7  0   8   8  3  0 … 0  1
  //   weights  1  3  9  27 19  26  16 17 20 … 30 28
  //   S = 9 + 3 + 27 + 189 + 0 + 208 + 128 + 51 + 0·(…) + 28 = 643
  //   643 mod 31 = 23 (31 × 20 = 620); check = 31 − 23 = 8 → '8'.
  // And for '12370800MB1234567' (M = 21, B = 11):
  //   S = 1 + 6 + 27 + 189 + 0 + 208 + 0 + 0 + 420 + 319 + 25 + 26 + 24 + 96 + 50 + 180 + 196 = 1767
  //   1767 = 31 × 57, so S mod 31 = 0; check = 31 → 0 → '0'.
  it.each([
    { body: '00000000000000000', check: '0', why: 'all-zero body: S = 0, check 31 → 0' },
    { body: '91370883000000001', check: '8', why: 'worked above' },
    { body: '12370800MB1234567', check: '0', why: 'letters; S mod 31 = 0, so 31 → 0' },
    { body: '91350100M000100Y4', check: '3', why: 'the example code widely quoted from GB 32100' },
    { body: '91370800MA3C5F7Q2', check: 'C', why: 'S = 2623, mod 31 = 19, 31 − 19 = 12 → C' },
    { body: '11100000000013127', check: 'D', why: 'S = 359, mod 31 = 18, 31 − 18 = 13 → D' },
  ])('$body → $check ($why)', ({ body, check }) => {
    expect(usccCheckCharacter(body)).toBe(check);
    expect(isValidUscc(body + check)).toBe(true);
  });

  it.each([
    { body: '', why: 'empty' },
    { body: '0000000000000000', why: '16 characters' },
    { body: '000000000000000000', why: '18 characters' },
    { body: '9137088300000000I', why: 'I is not used' },
    { body: '9137088300000000O', why: 'O is not used' },
    { body: '9137088300000000S', why: 'S is not used' },
    { body: '9137088300000000V', why: 'V is not used' },
    { body: '9137088300000000Z', why: 'Z is not used' },
    { body: '91370883ma0000001', why: 'lower case' },
    { body: '91370883 00000001', why: 'space' },
  ])('throws RangeError for $why', ({ body }) => {
    expect(() => usccCheckCharacter(body)).toThrow(RangeError);
  });
});

describe('isValidUscc', () => {
  it.each([
    { code: '', why: 'empty' },
    { code: '91350100M000100Y4', why: '17 characters' },
    { code: '91350100M000100Y433', why: '19 characters' },
    { code: '91350100M000100Y44', why: 'wrong check character' },
    { code: '91350100m000100Y43', why: 'lower case' },
    { code: '91350100M000100Y4Z', why: 'check character outside the set' },
    { code: '91350100MO00100Y43', why: 'O inside the body' },
    { code: ' 91350100M000100Y43', why: 'leading space' },
  ])('rejects $code ($why)', ({ code }) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('accepts the all-zero code', () => {
    expect(isValidUscc('000000000000000000')).toBe(true);
  });
});

describe('makeUscc', () => {
  it('concatenates the parts and appends the check character', () => {
    expect(makeUscc({ authority: '9', kind: '1', adminCode: '370883', serial: '000000001' })).toBe('913708830000000018');
    expect(makeUscc({ authority: '1', kind: '2', adminCode: '370800', serial: 'MB1234567' })).toBe('12370800MB12345670');
  });

  const good = { authority: '9', kind: '1', adminCode: '370883', serial: 'MA0000001' };
  it.each([
    { options: { ...good, authority: '' }, why: 'empty authority' },
    { options: { ...good, authority: '91' }, why: 'two-character authority' },
    { options: { ...good, kind: 'I' }, why: 'kind outside the set' },
    { options: { ...good, adminCode: '37088' }, why: 'five-digit division' },
    { options: { ...good, adminCode: '3708830' }, why: 'seven-digit division' },
    { options: { ...good, adminCode: '3708A3' }, why: 'letter in the division code' },
    { options: { ...good, serial: 'MA000001' }, why: 'eight-character serial' },
    { options: { ...good, serial: 'MA00000001' }, why: 'ten-character serial' },
    { options: { ...good, serial: 'MA000000Z' }, why: 'Z in the serial' },
    { options: { ...good, serial: 'ma0000001' }, why: 'lower-case serial' },
  ])('throws RangeError for $why', ({ options }) => {
    expect(() => makeUscc(options)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const usccChar = fc.constantFrom(...usccCharset);
  const text = (length: number) => fc.array(usccChar, { minLength: length, maxLength: length }).map((cs) => cs.join(''));
  const options = fc.record({
    authority: text(1),
    kind: text(1),
    adminCode: fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }).map((cs) => cs.join('')),
    serial: text(9),
  });
  /** Any single character other than the one being replaced, in or outside the USCC set. */
  const replacement = fc.oneof(usccChar, fc.constantFrom('I', 'O', 'S', 'V', 'Z', 'a', '-', ' ', '中'));

  it('every code from makeUscc is valid and keeps its parts', () => {
    fc.assert(
      fc.property(options, (o) => {
        const code = makeUscc(o);
        expect(code).toHaveLength(18);
        expect(code.slice(0, 17)).toBe(o.authority + o.kind + o.adminCode + o.serial);
        expect(isValidUscc(code)).toBe(true);
      }),
    );
  });

  it('changing any single character of a valid code makes it invalid', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 17 }), replacement, (o, position, c) => {
        const code = makeUscc(o);
        fc.pre(code.charAt(position) !== c);
        const changed = code.slice(0, position) + c + code.slice(position + 1);
        expect(isValidUscc(changed)).toBe(false);
      }),
    );
  });
});
