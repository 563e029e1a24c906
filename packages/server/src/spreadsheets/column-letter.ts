/**
 * Excel's name for a column: 0 → A, 25 → Z, 26 → AA (0-based index in, letters out).
 *
 * @example
 * columnLetter(27) // 'AB'
 */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
