import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleFiles, zipArchive } from './sample-files.ts';
import { sniffFileType, zipEntryNames, type SniffResult } from './sniff-file-type.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const allowedAs = (result: SniffResult) => (result.allowed ? { type: result.type, mediaType: result.mediaType, charset: result.charset } : { refused: result.detected });

describe('sniffFileType: the allowed types', () => {
  it.each([
    { name: 'pdf', bytes: sampleFiles.pdf(), type: 'pdf', mediaType: 'application/pdf', charset: null },
    { name: 'png', bytes: sampleFiles.png(), type: 'png', mediaType: 'image/png', charset: null },
    { name: 'jpeg', bytes: sampleFiles.jpeg(), type: 'jpeg', mediaType: 'image/jpeg', charset: null },
    { name: 'gif', bytes: sampleFiles.gif(), type: 'gif', mediaType: 'image/gif', charset: null },
    { name: 'GIF87a', bytes: utf8('GIF87a\u0001\u0000'), type: 'gif', mediaType: 'image/gif', charset: null },
    { name: 'webp', bytes: sampleFiles.webp(), type: 'webp', mediaType: 'image/webp', charset: null },
    { name: 'xlsx', bytes: sampleFiles.xlsx(), type: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', charset: null },
    { name: 'csv, UTF-8 with BOM', bytes: sampleFiles.csvUtf8(), type: 'csv', mediaType: 'text/csv', charset: 'utf-8' },
    { name: 'csv, GB18030 (Excel on Chinese Windows)', bytes: sampleFiles.csvGb18030(), type: 'csv', mediaType: 'text/csv', charset: 'gb18030' },
    { name: 'csv, ASCII, one line, no line break', bytes: utf8('a,b,c'), type: 'csv', mediaType: 'text/csv', charset: 'utf-8' },
    { name: 'csv, semicolons (European Excel)', bytes: utf8('a;b\n1,5;2\n'), type: 'csv', mediaType: 'text/csv', charset: 'utf-8' },
    { name: 'csv, tab-separated', bytes: utf8('a\tb\n1\t2\n'), type: 'csv', mediaType: 'text/csv', charset: 'utf-8' },
    { name: 'csv, a cell starting with < and a digit', bytes: utf8('<10,kW\n'), type: 'csv', mediaType: 'text/csv', charset: 'utf-8' },
  ])('$name → $type', ({ bytes, type, mediaType, charset }) => {
    expect(allowedAs(sniffFileType(bytes))).toEqual({ type, mediaType, charset });
  });

  it('gives the extension of the type', () => {
    expect(sniffFileType(sampleFiles.jpeg())).toMatchObject({ extension: 'jpg' });
    expect(sniffFileType(sampleFiles.xlsx())).toMatchObject({ extension: 'xlsx' });
  });
});

describe('sniffFileType: refusals say what was found', () => {
  it.each([
    { name: 'empty', bytes: new Uint8Array(), detected: 'empty' },
    { name: 'Windows executable', bytes: sampleFiles.exe(), detected: 'exe' },
    { name: 'ELF executable', bytes: sampleFiles.elf(), detected: 'elf' },
    { name: 'Mach-O', bytes: new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), detected: 'mach-o' },
    { name: 'HTML with a doctype', bytes: sampleFiles.html(), detected: 'html' },
    { name: 'HTML after a CSV-looking line', bytes: sampleFiles.htmlAfterCsv(), detected: 'html' },
    { name: 'HTML after a BOM and spaces', bytes: utf8('\ufeff  <html><body>a,b</body></html>'), detected: 'html' },
    { name: 'SVG', bytes: sampleFiles.svg(), detected: 'svg' },
    { name: 'SVG behind an XML declaration', bytes: sampleFiles.xmlSvg(), detected: 'svg' },
    { name: 'XML', bytes: utf8('<?xml version="1.0"?><a>1,2</a>'), detected: 'xml' },
    { name: 'plain zip', bytes: sampleFiles.zip(), detected: 'zip' },
    { name: 'empty zip', bytes: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]), detected: 'zip' },
    { name: 'docx', bytes: sampleFiles.docx(), detected: 'docx' },
    { name: 'xlsm (macros)', bytes: sampleFiles.xlsm(), detected: 'xlsm' },
    { name: 'legacy xls (OLE2)', bytes: sampleFiles.xls(), detected: 'ole2' },
    { name: 'UTF-16 text', bytes: sampleFiles.utf16Text(), detected: 'utf-16-text' },
    { name: 'shell script with commas', bytes: sampleFiles.shellScript(), detected: 'script' },
    { name: 'RTF', bytes: utf8('{\\rtf1\\ansi a,b}'), detected: 'rtf' },
    { name: 'PostScript', bytes: utf8('%!PS-Adobe-3.0\n1,2'), detected: 'postscript' },
    { name: 'text without a delimiter', bytes: sampleFiles.text(), detected: 'text' },
    { name: 'binary with NUL bytes', bytes: sampleFiles.binary(), detected: 'binary' },
    { name: 'text with a control character', bytes: utf8('a,b\u0007\n'), detected: 'binary' },
    { name: 'invalid in both UTF-8 and GB18030', bytes: new Uint8Array([0x61, 0x2c, 0xff, 0x0a]), detected: 'binary' },
    { name: 'RIFF that is not WebP (WAV)', bytes: utf8('RIFF\u0004\u0000\u0000\u0000WAVEfmt '), detected: 'riff' },
    { name: 'a zip truncated before its directory', bytes: sampleFiles.xlsx().subarray(0, 200), detected: 'zip' },
  ])('$name → $detected', ({ bytes, detected }) => {
    expect(sniffFileType(bytes)).toEqual({ allowed: false, detected });
  });

  it('refuses a workbook with ActiveX controls or embedded OLE objects', () => {
    const base = zipEntryNames(sampleFiles.xlsx())!.map((name) => ({ name, data: '<x/>' }));
    expect(sniffFileType(zipArchive([...base, { name: 'xl/activeX/activeX1.xml', data: '<x/>' }]))).toEqual({ allowed: false, detected: 'xlsx-active-content' });
    expect(sniffFileType(zipArchive([...base, { name: 'xl/embeddings/oleObject1.bin', data: 'x' }]))).toEqual({ allowed: false, detected: 'xlsx-active-content' });
  });

  it('refuses a pptx and a binary workbook (xlsb)', () => {
    expect(
      sniffFileType(
        zipArchive([
          { name: '[Content_Types].xml', data: '<x/>' },
          { name: 'ppt/presentation.xml', data: '<x/>' },
        ]),
      ),
    ).toEqual({ allowed: false, detected: 'pptx' });
    expect(
      sniffFileType(
        zipArchive([
          { name: '[Content_Types].xml', data: '<x/>' },
          { name: 'xl/workbook.bin', data: 'x' },
        ]),
      ),
    ).toEqual({ allowed: false, detected: 'xlsb' });
  });

  it('needs [Content_Types].xml beside xl/workbook.xml', () => {
    expect(sniffFileType(zipArchive([{ name: 'xl/workbook.xml', data: '<x/>' }]))).toEqual({ allowed: false, detected: 'zip' });
  });
});

describe('zipEntryNames: the central directory', () => {
  it('lists every entry, with a trailing archive comment too', () => {
    const zip = zipArchive([
      { name: 'a.txt', data: 'a' },
      { name: '目录/b.txt', data: 'b' },
    ]);
    expect(zipEntryNames(zip)).toHaveLength(2);
    // Append a comment: set the comment length in the end record and add its bytes.
    const comment = new TextEncoder().encode('PK\u0005\u0006 not the end');
    const withComment = new Uint8Array(zip.length + comment.length);
    withComment.set(zip);
    withComment.set(comment, zip.length);
    withComment[zip.length - 2] = comment.length;
    expect(zipEntryNames(withComment)?.[0]).toBe('a.txt');
  });

  it('refuses a directory that points outside the archive or at no local header', () => {
    const zip = sampleFiles.xlsx();
    const broken = zip.slice();
    broken[broken.length - 6] = 0xff; // the directory offset's low byte
    expect(zipEntryNames(broken)).toBeUndefined();
    const noLocal = zip.slice();
    noLocal[0] = 0; // the first local header's signature
    expect(zipEntryNames(noLocal)).toBeUndefined();
  });
});

describe('sniffFileType on arbitrary bytes', () => {
  it('never throws, and only ever accepts a known type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = sniffFileType(bytes);
        if (result.allowed) expect(['pdf', 'png', 'jpeg', 'gif', 'webp', 'xlsx', 'csv']).toContain(result.type);
        else expect(result.detected.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never accepts a workbook cut short or with bytes flipped in its directory', () => {
    const zip = sampleFiles.xlsx();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: zip.length - 1 }), (cut) => {
        expect(sniffFileType(zip.subarray(0, cut)).allowed).toBe(false);
      }),
    );
  });

  it('accepts any delimited text without markup as CSV, in UTF-8', () => {
    const cell = fc.string({ unit: fc.constantFrom(...'abc 123中文，。-_'.split('')), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.join(',')).join('\r\n');
        expect(sniffFileType(utf8(text))).toMatchObject({ allowed: true, type: 'csv', charset: 'utf-8' });
      }),
    );
  });
});
