/**
 * Text for the embedded font: characters the font lacks (≈ ₂ → ≥ ≤ ℃ ● …) become ones it has,
 * so no glyph is drawn as a blank box. Anything unmapped and missing becomes «?».
 *
 * @example sanitisePdfText('CO₂ ≈ 12 t', font.hasGlyph) // 'CO2 约 12 t'
 */
const replacements: Record<string, string> = {
  '≈': '约',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '↑': '^',
  '↓': 'v',
  '℃': '°C',
  '●': '•',
  '○': '•',
  '■': '•',
  '□': '•',
  '▲': '^',
  '△': '^',
  '▼': 'v',
  '※': '*',
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};
const subscriptDigits = '₀₁₂₃₄₅₆₇₈₉';
const circledDigits = '①②③④⑤⑥⑦⑧⑨⑩';

export function sanitisePdfText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = '';
  for (const ch of text) {
    const codePoint = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t' || hasGlyph(codePoint)) {
      out += ch;
      continue;
    }
    const sub = subscriptDigits.indexOf(ch);
    const circled = circledDigits.indexOf(ch);
    const mapped = replacements[ch] ?? (sub >= 0 ? String(sub) : circled >= 0 ? `(${circled + 1})` : undefined);
    out += mapped !== undefined && [...mapped].every((m) => hasGlyph(m.codePointAt(0)!)) ? mapped : '?';
  }
  return out;
}
