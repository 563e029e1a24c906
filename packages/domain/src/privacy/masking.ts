/**
 * Masks for personal data shown to people whose role does not need the full value (screens,
 * exports, logs). Pure and total: every string, including empty ones, gets a mask.
 *
 * Invariants, for every function here:
 * - lengths are counted in user-perceived characters (grapheme clusters), so an emoji, an
 *   ideograph with a variation selector or a letter with a combining accent is one character
 *   and is never split;
 * - each hidden character becomes one `*`, so the mask has as many characters as the input;
 * - a non-empty input always has at least one character hidden, and outside the mainland mobile
 *   convention at least half of its characters are hidden.
 */
import { normalisePhone } from './normalise-personal-data.ts';

export const maskCharacter = '*';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

function characters(value: string): string[] {
  return Array.from(graphemes.segment(value), (s) => s.segment);
}

/** Keeps `head` characters at the start and `tail` at the end; hides the rest. */
function keepEnds(chars: readonly string[], head: number, tail: number): string {
  const hidden = chars.length - head - tail;
  return chars.slice(0, head).join('') + maskCharacter.repeat(hidden) + chars.slice(chars.length - tail).join('');
}

/**
 * A phone number with its middle hidden.
 *
 * A mainland mobile number (in any format normalisePhone accepts) is shown in the national
 * convention as its 11 digits with the 4 middle ones hidden: the first 3 (the carrier block) and
 * the last 4 (what people quote to confirm "尾号") stay. Any other value keeps at most the first 3
 * and the last 4 characters and hides at least half, the end taking precedence over the start.
 *
 * @example maskPhone('+86 138 1234 5678') // '138****5678'
 * @example maskPhone('12345678') // '****5678'
 */
export function maskPhone(value: string): string {
  const mobile = normalisePhone(value);
  if (mobile !== null) return keepEnds([...mobile], 3, 4);
  const chars = characters(value.trim());
  const shown = Math.min(7, Math.floor(chars.length / 2));
  const tail = Math.min(4, shown);
  return keepEnds(chars, shown - tail, tail);
}

/**
 * A name with all but its first character hidden; a one-character name is hidden entirely.
 * For Chinese names this shows the surname (or the first character of a two-character
 * surname such as 欧阳), the common convention on receipts and notices.
 *
 * @example maskName('张三') // '张*'
 * @example maskName('欧阳娜娜') // '欧***'
 * @example maskName('Li Lei') // 'L*****'
 */
export function maskName(value: string): string {
  const chars = characters(value.trim());
  return chars.length < 2 ? maskCharacter.repeat(chars.length) : keepEnds(chars, 1, 0);
}

/**
 * Any other identifier-like value (account number, reference) with only its first and last
 * character shown; values under 4 characters are hidden entirely so that at least half is hidden.
 *
 * @example maskIdLike('R-2024-0007') // 'R*********7'
 * @example maskIdLike('abc') // '***'
 */
export function maskIdLike(value: string): string {
  const chars = characters(value.trim());
  return chars.length < 4 ? maskCharacter.repeat(chars.length) : keepEnds(chars, 1, 1);
}
