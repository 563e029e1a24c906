/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015).
 *
 * An 18-character code: registration-authority code (1) + organisation-type code (1) +
 * administrative-division code (6, GB/T 2260) + organisation code body (9) + check character (1).
 * Only 31 characters are used (no I, O, S, V, Z); a character's value is its index in that set.
 *
 * The check character is computed per reference/finance-policy.json record `uscc_check_digit`:
 * S = Σ value(cᵢ) × wᵢ over the first 17 characters, check = 31 − (S mod 31), and 31 becomes 0.
 * Because 31 is prime and no weight is a multiple of 31, changing any single one of the first 17
 * characters always changes S mod 31, so every single-character error is detected.
 *
 * Only length, character set and check character are validated here; whether the authority,
 * type and division codes are ones actually issued is a registry question, not arithmetic.
 */
import financePolicy from '../../../../reference/finance-policy.json' with { type: 'json' };

const rule = financePolicy.unifiedSocialCreditCode;

/** The 31 characters in value order: '0' is 0 … 'Y' is 30. */
export const usccCharset: string = rule.charset;

/** Weights w₁…w₁₇ (3^(i−1) mod 31), one per position of the code body. */
const weights: readonly number[] = rule.weights;

/** Number of characters before the check character. */
const bodyLength = 17;

if (usccCharset.length !== 31 || weights.length !== bodyLength || rule.length !== bodyLength + 1) {
  // A malformed reference file must fail at import, not produce wrong codes silently.
  throw new Error('reference/finance-policy.json: unifiedSocialCreditCode has an unexpected shape');
}

/** Value 0–30 of each allowed character. */
const valueOf: ReadonlyMap<string, number> = new Map([...usccCharset].map((c, i) => [c, i]));

function isInCharset(text: string): boolean {
  for (const c of text) if (!valueOf.has(c)) return false;
  return true;
}

/**
 * The check character (18th) for the first 17 characters of a code.
 *
 * Characters must be upper-case and in the USCC character set; callers normalise user input
 * (trim, upper-case) before calling.
 *
 * @example usccCheckCharacter('91350100M000100Y4') // '3'
 * @throws RangeError if `first17` is not 17 characters from the USCC character set.
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== bodyLength) {
    throw new RangeError(`USCC body must be ${bodyLength} characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < bodyLength; i += 1) {
    const c = first17.charAt(i);
    const value = valueOf.get(c);
    if (value === undefined) {
      throw new RangeError(`USCC character ${JSON.stringify(c)} at position ${i + 1} is not allowed`);
    }
    sum += value * (weights[i] ?? 0);
  }
  // 31 − (S mod 31) lies in 1…31; 31 is written as '0'.
  const check = (31 - (sum % 31)) % 31;
  return usccCharset.charAt(check);
}

/**
 * Whether `code` is a well-formed USCC: 18 characters from the character set with the right
 * check character. Case-sensitive: lower-case letters are not valid characters.
 *
 * @example isValidUscc('91350100M000100Y43') // true
 */
export function isValidUscc(code: string): boolean {
  if (code.length !== bodyLength + 1 || !isInCharset(code)) return false;
  return usccCheckCharacter(code.slice(0, bodyLength)) === code.charAt(bodyLength);
}

export interface MakeUsccOptions {
  /** Registration-authority code, 1 character (e.g. '9' for market regulation / 工商). */
  authority: string;
  /** Organisation-type code within that authority, 1 character (e.g. '1' for 企业). */
  kind: string;
  /** Administrative-division code of the registration place, 6 digits (GB/T 2260, e.g. '370883'). */
  adminCode: string;
  /** Organisation code body, 9 characters from the USCC character set. */
  serial: string;
}

/**
 * Builds a complete 18-character USCC, appending the check character.
 *
 * @example makeUscc({ authority: '9', kind: '1', adminCode: '370883', serial: '000000001' })
 *   // '913708830000000018'
 * @throws RangeError on a part of the wrong length or with characters outside the set
 *   (the division code must be digits).
 */
export function makeUscc(options: MakeUsccOptions): string {
  const { authority, kind, adminCode, serial } = options;
  const parts: Array<[name: string, value: string, length: number]> = [
    ['authority', authority, 1],
    ['kind', kind, 1],
    ['adminCode', adminCode, 6],
    ['serial', serial, 9],
  ];
  for (const [name, value, length] of parts) {
    if (value.length !== length) {
      throw new RangeError(`USCC ${name} must be ${length} characters, got ${JSON.stringify(value)}`);
    }
    if (!isInCharset(value)) {
      throw new RangeError(`USCC ${name} ${JSON.stringify(value)} has characters outside the USCC set`);
    }
  }
  if (!/^[0-9]{6}$/.test(adminCode)) {
    throw new RangeError(`USCC adminCode must be 6 digits, got ${JSON.stringify(adminCode)}`);
  }
  const body = authority + kind + adminCode + serial;
  return body + usccCheckCharacter(body);
}
