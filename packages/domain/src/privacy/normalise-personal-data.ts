/**
 * Canonical forms of residents' phone numbers and names, so that the same person typed two ways
 * ("138 1234 5678", "+86 13812345678") gives one keyed-hash lookup value. Pure: the server's
 * field cipher hashes these forms; the web may use them to validate input.
 */

/** A mainland China mobile number: 11 digits starting 13–19 (MIIT numbering plan). */
const mainlandMobile = /^1[3-9]\d{9}$/;

/** Separators people type inside phone numbers: ASCII and Unicode spaces, dashes, dots, brackets. */
const phoneSeparators = /[\s\-\u2010-\u2015\u2212.()]/gu;

/**
 * The 11-digit form of a mainland mobile number, or null when the input is not one.
 *
 * Full-width digits are folded (NFKC), separators removed, and a `+86`, `0086` or bare `86`
 * country prefix dropped (unambiguous: mainland mobiles start with 1, never 86).
 *
 * @example normalisePhone('+86 138-1234-5678') // '13812345678'
 * @example normalisePhone('010 1234 5678') // null (a landline)
 */
export function normalisePhone(value: string): string | null {
  const compact = value.normalize('NFKC').replace(phoneSeparators, '');
  const national = compact.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, '');
  return mainlandMobile.test(national) ? national : null;
}

/** Middle dots used between the parts of transliterated (e.g. Uyghur) names, all read as U+00B7. */
const nameDots = /[\u2022\u2027\u22C5\u30FB\u2219]/gu;

/**
 * A name in canonical form: NFKC (full-width Latin folded, compatibility ideographs unified),
 * trimmed, runs of whitespace collapsed to one space, middle-dot variants unified to U+00B7.
 * Case is kept: names are displayed from this form as well as hashed.
 *
 * @example normaliseName('  Li\u3000 Lei ') // 'Li Lei'
 * @example normaliseName('阿依古丽・买买提') // '阿依古丽·买买提'
 */
export function normaliseName(value: string): string {
  return value.normalize('NFKC').replace(nameDots, '\u00B7').trim().replace(/\s+/gu, ' ');
}
