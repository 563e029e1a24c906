/**
 * The CJK font embedded in PDF reports: Noto Sans SC (SIL OFL 1.1, vendored as WOFF under
 * packages/server/assets/fonts). Found from the source tree (vitest, tsx) and from the esbuild
 * bundle dist/cfp.mjs by walking up from this module to the directory holding
 * packages/server/assets/fonts; PDF_FONT_FILE (config `pdfFontFile`) overrides it.
 * The only I/O of the PDF library: reading the font, once per path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

const relativeFontPath = join('packages', 'server', 'assets', 'fonts', 'NotoSansSC-Regular.woff');

export class PdfFontError extends Error {
  override name = 'PdfFontError';
}

/** The font file: the override when given, else the vendored font found above `from` (default: this module). */
export function locateCjkFont(options: { override?: string | undefined; from?: string } = {}): string {
  if (options.override) {
    if (!existsSync(options.override)) throw new PdfFontError(`PDF_FONT_FILE ${options.override} does not exist`);
    return options.override;
  }
  let dir = dirname(fileURLToPath(options.from ?? import.meta.url));
  for (;;) {
    const candidate = join(dir, relativeFontPath);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new PdfFontError(`no ${relativeFontPath} above ${fileURLToPath(options.from ?? import.meta.url)}; set PDF_FONT_FILE`);
    dir = parent;
  }
}

export interface CjkFont {
  path: string;
  /** TrueType/OpenType bytes (a WOFF is unpacked once: fontkit would inflate the glyph table on every glyph read). */
  bytes: Buffer;
  /** Whether the font draws the code point (anything else is replaced before drawing). */
  hasGlyph(codePoint: number): boolean;
}

const cache = new Map<string, CjkFont>();

/** Reads and parses the font once per path. */
export function loadCjkFont(path: string): CjkFont {
  let font = cache.get(path);
  if (!font) {
    const bytes = unpackWoff(readFileSync(path));
    const parsed = fontkit.create(bytes);
    if (!('hasGlyphForCodePoint' in parsed)) throw new PdfFontError(`${path} is a font collection; give a single font`);
    font = { path, bytes, hasGlyph: (codePoint) => parsed.hasGlyphForCodePoint(codePoint) };
    cache.set(path, font);
  }
  return font;
}

/** WOFF 1.0 (W3C, 2012) → the sfnt it wraps: each table inflated when compressed, 4-byte aligned; other fonts pass through. */
export function unpackWoff(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : raw;
    if (data.length !== origLength) throw new PdfFontError(`WOFF table ${woff.toString('latin1', at, at + 4)}: ${data.length} bytes, expected ${origLength}`);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data };
  });
  const headerLength = 12 + 16 * numTables;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  woff.copy(out, 0, 4, 8); // flavor → sfnt version
  const entrySelector = Math.floor(Math.log2(numTables));
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(2 ** entrySelector * 16, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - 2 ** entrySelector * 16, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(out, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += padded(t.data.length);
  });
  return out;
}
