/**
 * What a file really is, decided from its bytes alone — never from its name or the content type
 * the client declared. Uploads accept spreadsheets (xlsx, csv), PDF and images (PNG, JPEG, GIF,
 * WebP); everything else is refused with the type that was found, so that the refusal can say
 * why (`exe`, `html`, `svg`, `zip`, `docx`, …).
 *
 * Decisions (and why):
 * - XLSX is a ZIP whose central directory names `[Content_Types].xml` and `xl/workbook.xml`. The
 *   directory is read from the end of the buffer (pure code, nothing is inflated). A plain zip, a
 *   .docx or .pptx is refused; so is a workbook carrying macros (`xl/vbaProject.bin`, i.e. an
 *   .xlsm renamed), ActiveX controls or embedded OLE objects: active content is how spreadsheets
 *   deliver malware, and data submissions never need it. ZIP64, multi-disk and inconsistent
 *   directories are refused as `zip`.
 * - CSV is text: valid UTF-8 (a BOM is allowed) or, failing that, valid GB18030 — Excel on
 *   Chinese Windows saves "CSV (逗号分隔)" in the ANSI code page, GBK, of which GB18030 is the
 *   superset; the charset found is returned so that downloads declare it. No NUL, no control
 *   characters other than tab, CR and LF, and at least one delimiter (comma, semicolon or tab).
 *   UTF-16 text (Excel's "Unicode text") is refused: it is full of NUL bytes and is not CSV.
 * - Text that is markup (HTML, SVG, XML — a browser may run its scripts), a script (`#!`), RTF
 *   or PostScript is refused even when it has commas, as are executables (PE, ELF, Mach-O) and
 *   legacy OLE2 documents (.xls, .doc, password-protected Office files).
 * - GB18030 needs an ICU build of the runtime (Node's official builds have full ICU); without it
 *   non-UTF-8 text is refused rather than guessed.
 *
 * @example
 * sniffFileType(new TextEncoder().encode('%PDF-1.7\n…'))
 * // { allowed: true, type: 'pdf', mediaType: 'application/pdf', extension: 'pdf', charset: null }
 * sniffFileType(new TextEncoder().encode('<svg onload="…">'))
 * // { allowed: false, detected: 'svg' }
 */

export const allowedFileTypes = ['pdf', 'png', 'jpeg', 'gif', 'webp', 'xlsx', 'csv'] as const;
export type AllowedFileType = (typeof allowedFileTypes)[number];

/** The media type each allowed type is stored and served as. */
export const fileMediaTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const satisfies Record<AllowedFileType, string>;
export type FileMediaType = (typeof fileMediaTypes)[AllowedFileType];
export const fileMediaTypeList = Object.values(fileMediaTypes) as [FileMediaType, ...FileMediaType[]];

/** File name extensions that match each type; the first is the one added when a name lacks it. */
export const fileExtensions = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  xlsx: ['xlsx'],
  csv: ['csv'],
} as const satisfies Record<AllowedFileType, readonly string[]>;

/** Text encodings a CSV may arrive in. */
export const csvCharsets = ['utf-8', 'gb18030'] as const;
export type CsvCharset = (typeof csvCharsets)[number];

export type SniffResult = { allowed: true; type: AllowedFileType; mediaType: FileMediaType; extension: string; charset: CsvCharset | null } | { allowed: false; detected: string };

const ascii = (text: string): number[] => Array.from(text, (ch) => ch.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const allowed = (type: AllowedFileType, charset: CsvCharset | null = null): SniffResult => ({
  allowed: true,
  type,
  mediaType: fileMediaTypes[type],
  extension: fileExtensions[type][0],
  charset,
});
const refused = (detected: string): SniffResult => ({ allowed: false, detected });

const signatures: ReadonlyArray<{ bytes: number[]; at?: number; result: SniffResult }> = [
  { bytes: ascii('%PDF-'), result: allowed('pdf') },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], result: allowed('png') },
  { bytes: [0xff, 0xd8, 0xff], result: allowed('jpeg') },
  { bytes: ascii('GIF87a'), result: allowed('gif') },
  { bytes: ascii('GIF89a'), result: allowed('gif') },
  // Executables and containers that are never accepted.
  { bytes: ascii('MZ'), result: refused('exe') },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], result: refused('elf') },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], result: refused('mach-o') },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], result: refused('mach-o') },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], result: refused('mach-o') },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], result: refused('mach-o') },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], result: refused('mach-o') },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], result: refused('ole2') },
  { bytes: [0x50, 0x4b, 0x05, 0x06], result: refused('zip') }, // an empty zip
  { bytes: [0xff, 0xfe], result: refused('utf-16-text') },
  { bytes: [0xfe, 0xff], result: refused('utf-16-text') },
  { bytes: ascii('#!'), result: refused('script') },
  { bytes: ascii('{\\rtf'), result: refused('rtf') },
  { bytes: ascii('%!'), result: refused('postscript') },
];

/** The real type of `bytes`; see the module comment for what is accepted and why. */
export function sniffFileType(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return refused('empty');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return startsWith(bytes, ascii('VP8'), 12) ? allowed('webp') : refused('riff');
  }
  if (startsWith(bytes, ascii('RIFF'))) return refused('riff');
  for (const s of signatures) if (startsWith(bytes, s.bytes, s.at ?? 0)) return s.result;
  return sniffText(bytes);
}

// ---------------------------------------------------------------------------------------------
// ZIP (XLSX)

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const eocdSize = 22;
const centralHeaderSize = 46;
/** More entries than any workbook a person uploads has; bounds the work on hostile input. */
const maxZipEntries = 50_000;

/** Entry names from the central directory, or undefined when it is missing or inconsistent. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65,535.
  const lowest = Math.max(0, bytes.length - eocdSize - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - eocdSize; at >= lowest; at--) {
    if (u32(bytes, at) === eocdSignature && at + eocdSize + u16(bytes, at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const disk = u16(bytes, eocd + 4);
  const directoryDisk = u16(bytes, eocd + 6);
  const entriesHere = u16(bytes, eocd + 8);
  const entries = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  // ZIP64 marks its values 0xFFFF / 0xFFFFFFFF; multi-disk archives have non-zero disk numbers.
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== entries || entries === 0xffff || offset === 0xffffffff || size === 0xffffffff) return undefined;
  if (entries > maxZipEntries || offset + size > eocd) return undefined;
  const names: string[] = [];
  const latin1 = new TextDecoder('latin1');
  let at = offset;
  for (let i = 0; i < entries; i++) {
    if (at + centralHeaderSize > offset + size || u32(bytes, at) !== centralSignature) return undefined;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const end = at + centralHeaderSize + nameLength + extraLength + commentLength;
    if (end > offset + size || localOffset + 30 > offset || u32(bytes, localOffset) !== localSignature) return undefined;
    // The names that matter are ASCII; latin1 maps every byte to one character, so nothing fails.
    names.push(latin1.decode(bytes.subarray(at + centralHeaderSize, at + centralHeaderSize + nameLength)));
    at = end;
  }
  return names;
}

function sniffZip(bytes: Uint8Array): SniffResult {
  const names = zipEntryNames(bytes);
  if (!names) return refused('zip');
  const has = (name: string) => names.includes(name);
  if (!has('[Content_Types].xml')) return refused('zip');
  if (has('word/document.xml')) return refused('docx');
  if (has('ppt/presentation.xml')) return refused('pptx');
  if (!has('xl/workbook.xml')) return has('xl/workbook.bin') ? refused('xlsb') : refused('zip');
  if (names.some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) return refused('xlsm');
  if (names.some((n) => n.startsWith('xl/activeX/') || (n.startsWith('xl/embeddings/') && n.toLowerCase().endsWith('.bin')))) return refused('xlsx-active-content');
  return allowed('xlsx');
}

// ---------------------------------------------------------------------------------------------
// Text (CSV)

/** Tags whose presence near the start makes text markup a browser would render. */
const markup = /<(!doctype|html|head|body|script|iframe|object|embed|style|meta|link|img|svg|\?xml|!--)[\s>/]/i;

function decodeText(bytes: Uint8Array): { text: string; charset: CsvCharset } | undefined {
  try {
    // `ignoreBOM: false` (the default) drops a leading UTF-8 BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    // not UTF-8: try the Chinese ANSI code page next
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), charset: 'gb18030' };
  } catch {
    return undefined; // invalid GB18030, or a runtime without ICU's GB18030
  }
}

function sniffText(bytes: Uint8Array): SniffResult {
  if (bytes.includes(0)) return refused('binary');
  const decoded = decodeText(bytes);
  if (!decoded) return refused('binary');
  const { text, charset } = decoded;
  // C0 controls other than tab, LF and CR; DEL; C1 controls: binary data, not text a person typed.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text)) return refused('binary');
  const head = text.slice(0, 4096);
  const trimmed = head.trimStart();
  if (/^<svg[\s>]/i.test(trimmed) || /<svg[\s>]/i.test(head)) return refused('svg');
  if (trimmed.startsWith('<?xml')) return refused('xml');
  if (/^<[a-z!?/]/i.test(trimmed) || markup.test(head)) return refused('html');
  if (!/[,;\t]/.test(text)) return refused('text');
  return allowed('csv', charset);
}
