/**
 * Tiny files of every allowed type, and disguised ones that must be refused, built in code so that
 * no binary fixture lives in the repository: for tests, demos and anyone checking the upload rules
 * by hand. Includes a minimal ZIP writer (stored entries, no compression) for workbooks and their
 * look-alikes. Every call returns fresh bytes.
 *
 * @example sniffFileType(sampleFiles.xlsx()) // { allowed: true, type: 'xlsx', … }
 */

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as ZIP and PNG use it), unsigned. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Little-endian fields of 2 or 4 bytes: `le([2, 20], [4, crc])`. */
function le(...fields: Array<[2 | 4, number]>): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, [size]) => n + size, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [size, value] of fields) {
    if (size === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value >>> 0, true);
    at += size;
  }
  return out;
}

/** A ZIP archive of stored (uncompressed) entries with UTF-8 names, as every unzip tool reads it. */
export function zipArchive(entries: ReadonlyArray<{ name: string; data: Uint8Array | string }>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  // 1980-01-01 00:00, the earliest DOS date: fixed so that the bytes are deterministic.
  const [time, date] = [0, (1 << 5) | 1];
  for (const entry of entries) {
    const name = utf8(entry.name);
    const data = typeof entry.data === 'string' ? utf8(entry.data) : entry.data;
    const crc = crc32(data);
    const local = concat([
      le([4, 0x04034b50], [2, 20], [2, 0x0800], [2, 0], [2, time], [2, date], [4, crc], [4, data.length], [4, data.length], [2, name.length], [2, 0]),
      name,
      data,
    ]);
    const central = concat([
      le(
        [4, 0x02014b50],
        [2, 20],
        [2, 20],
        [2, 0x0800],
        [2, 0],
        [2, time],
        [2, date],
        [4, crc],
        [4, data.length],
        [4, data.length],
        [2, name.length],
        [2, 0],
        [2, 0],
        [2, 0],
        [2, 0],
        [4, 0],
        [4, offset],
      ),
      name,
    ]);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = concat(centrals);
  const end = le([4, 0x06054b50], [2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, directory.length], [4, offset], [2, 0]);
  return concat([...locals, directory, end]);
}

const ooxml = {
  contentTypes: (overrides: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`,
  rels: (type: string, target: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`,
};

function workbookEntries(): Array<{ name: string; data: string }> {
  const main = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return [
    {
      name: '[Content_Types].xml',
      data: ooxml.contentTypes(
        `<Override PartName="/xl/workbook.xml" ContentType="${main}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${main}.worksheet+xml"/>`,
      ),
    },
    { name: '_rels/.rels', data: ooxml.rels('officeDocument', 'xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="能耗" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    { name: 'xl/_rels/workbook.xml.rels', data: ooxml.rels('worksheet', 'worksheets/sheet1.xml') },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>原煤（吨）</t></is></c><c r="B1"><v>1250.5</v></c></row></sheetData></worksheet>',
    },
  ];
}

/** A PNG chunk: length, type, data, CRC over type and data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat([utf8(type), data]);
  const be = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
  return concat([be(data.length), typed, be(crc32(typed))]);
}

/** A zlib stream holding `data` in one stored (uncompressed) deflate block. */
function zlibStored(data: Uint8Array): Uint8Array {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = ((b << 16) | a) >>> 0;
  const header = new Uint8Array([0x78, 0x01, 0x01, data.length & 0xff, data.length >>> 8, ~data.length & 0xff, (~data.length >>> 8) & 0xff]);
  return concat([header, data, new Uint8Array([adler >>> 24, (adler >>> 16) & 0xff, (adler >>> 8) & 0xff, adler & 0xff])]);
}

const hex = (text: string): Uint8Array => new Uint8Array(text.match(/[0-9a-f]{2}/gi)!.map((h) => parseInt(h, 16)));

export const sampleFiles = {
  pdf: (): Uint8Array =>
    utf8(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),
  /** 1×1 white, 8-bit greyscale. */
  png: (): Uint8Array =>
    concat([
      hex('89504e470d0a1a0a'),
      pngChunk('IHDR', hex('00000001 00000001 08 00 00 00 00')),
      pngChunk('IDAT', zlibStored(new Uint8Array([0, 0xff]))),
      pngChunk('IEND', new Uint8Array()),
    ]),
  /** 1×1 grey baseline JPEG: one quantisation table, one-code Huffman tables, one block. */
  jpeg: (): Uint8Array =>
    concat([
      hex('ffd8'),
      hex('ffe0 0010 4a46494600 0101 00 0001 0001 0000'),
      hex('ffdb 0043 00'),
      new Uint8Array(64).fill(1),
      hex('ffc0 000b 08 0001 0001 01 01 11 00'),
      hex('ffc4 0014 00 01000000000000000000000000000000 00'),
      hex('ffc4 0014 10 01000000000000000000000000000000 00'),
      hex('ffda 0008 01 01 00 00 3f 00'),
      hex('3f ffd9'),
    ]),
  /** 1×1 transparent GIF89a. */
  gif: (): Uint8Array => hex('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b'),
  /** 1×1 lossless WebP. */
  webp: (): Uint8Array => hex('52494646 1a000000 57454250 5650384c 0d000000 2f000000 10071011 1188 88fe 0700'),
  xlsx: (): Uint8Array => zipArchive(workbookEntries()),
  /** UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it. */
  csvUtf8: (): Uint8Array => concat([hex('efbbbf'), utf8('企业,原煤（吨）,日期\r\n示例·邹鲁煤业,1250.50,2024-06-30\r\n')]),
  /** GB18030 (GBK) without a BOM, as Excel on Chinese Windows writes "CSV (逗号分隔)": 名称,数量 / 煤炭,100. */
  csvGb18030: (): Uint8Array => hex('c3fb b3c6 2c cafd c1bf 0d0a c3ba ccbf 2c 313030 0d0a'),

  // Refusals, whatever name or content type they arrive with
  exe: (): Uint8Array => concat([utf8('MZ'), new Uint8Array(58), le([4, 64]), utf8('PE\0\0This program cannot be run in DOS mode.')]),
  elf: (): Uint8Array => concat([hex('7f454c46 02 01 01 00'), new Uint8Array(56)]),
  html: (): Uint8Array => utf8('<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script>a,b,c</body></html>\n'),
  /** HTML without a doctype, after a line of CSV-looking text. */
  htmlAfterCsv: (): Uint8Array => utf8('name,value\n<script>alert(1)</script>,1\n'),
  svg: (): Uint8Array => utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>\n'),
  xmlSvg: (): Uint8Array => utf8('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  zip: (): Uint8Array => zipArchive([{ name: 'readme.txt', data: 'a,b\n1,2\n' }]),
  docx: (): Uint8Array =>
    zipArchive([
      {
        name: '[Content_Types].xml',
        data: ooxml.contentTypes('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
      },
      { name: '_rels/.rels', data: ooxml.rels('officeDocument', 'word/document.xml') },
      { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>' },
    ]),
  /** A workbook with a VBA project: an .xlsm, whatever its name says. */
  xlsm: (): Uint8Array => zipArchive([...workbookEntries(), { name: 'xl/vbaProject.bin', data: hex('d0cf11e0a1b11ae1') }]),
  /** A legacy .xls (OLE2 compound file). */
  xls: (): Uint8Array => concat([hex('d0cf11e0a1b11ae1'), new Uint8Array(504)]),
  /** UTF-16LE text with a BOM (Excel's "Unicode text"). */
  utf16Text: (): Uint8Array => concat([hex('fffe'), new Uint8Array(Array.from('a\tb\r\n').flatMap((ch) => [ch.charCodeAt(0), 0]))]),
  shellScript: (): Uint8Array => utf8('#!/bin/sh\nrm -rf /tmp/x,y\n'),
  /** Plain text without a delimiter: not a table. */
  text: (): Uint8Array => utf8('hello world\n'),
  /** Random-looking binary with NUL bytes. */
  binary: (): Uint8Array => hex('00010203 fffefd 00 80 90'),
};
