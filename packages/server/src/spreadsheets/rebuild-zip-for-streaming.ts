/**
 * A copy of an inspected xlsx, laid out for exceljs's streaming reader. No data is recompressed:
 * each central-directory entry's compressed bytes are copied behind a fresh local header.
 *
 * Why:
 * - The streaming reader walks local headers, not the central directory. It only ever sees the
 *   entries `inspectZip` checked: bytes the central directory does not list (a hidden entry, or
 *   one smuggled inside another's data) are not copied.
 * - The fresh headers state sizes and CRC up front (no data descriptor). With a descriptor, the
 *   reader finds the end of the data by searching for the bytes `PK\x07\x08`, which compressed
 *   data can contain by chance — or by design.
 * - Order: relationships, workbook, shared strings and styles before the worksheets. exceljs
 *   parses a worksheet straight from the stream only when the shared strings are already known;
 *   otherwise (Excel stores them last) it parks the sheet in a temporary file, which stays on disk
 *   until the process exits if the read stops early. Styles first also means date formats are
 *   known when cells are read, and the workbook first means sheet names and order are known.
 * - A workbook without shared strings (all strings inline, as our writer makes them) gets an
 *   empty `xl/sharedStrings.xml`, for the same reason.
 *
 * @example
 * const entries = await inspectZip({ bytes, limits });
 * const streamable = rebuildZipForStreaming({ bytes, entries });
 */
import { crc32 } from 'node:zlib';
import type { ZipEntry } from './inspect-zip.ts';

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const EMPTY_SHARED_STRINGS = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);
const UTF8_FLAG = 0x0800;

/** Lower sorts first; worksheets and everything else after the parts they depend on. */
function rank(name: string): number {
  if (name === '[Content_Types].xml' || name === '_rels/.rels') return 0;
  if (name === 'xl/_rels/workbook.xml.rels') return 1;
  if (name === 'xl/workbook.xml') return 2;
  if (name === SHARED_STRINGS) return 3;
  if (name === 'xl/styles.xml') return 4;
  if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) return 6;
  return 5;
}

export function rebuildZipForStreaming(options: { bytes: Uint8Array; entries: readonly ZipEntry[] }): Uint8Array {
  const { bytes } = options;
  const parts = options.entries.map((entry) => ({
    name: entry.name,
    method: entry.method,
    crc32: entry.crc32,
    uncompressedBytes: entry.uncompressedBytes,
    data: bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedBytes),
  }));
  if (!parts.some((p) => p.name === SHARED_STRINGS)) {
    parts.push({ name: SHARED_STRINGS, method: 0, crc32: crc32(EMPTY_SHARED_STRINGS), uncompressedBytes: EMPTY_SHARED_STRINGS.length, data: EMPTY_SHARED_STRINGS });
  }
  // A stable sort: entries of equal rank keep their order.
  parts.sort((a, b) => rank(a.name) - rank(b.name));

  const names = parts.map((p) => new TextEncoder().encode(p.name));
  const localBytes = parts.reduce((sum, p, i) => sum + 30 + names[i]!.length + p.data.length, 0);
  const centralBytes = names.reduce((sum, n) => sum + 46 + n.length, 0);
  const out = new Uint8Array(localBytes + centralBytes + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  parts.forEach((part, i) => {
    const name = names[i]!;
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true); // version needed: 2.0 (deflate)
    view.setUint16(at + 6, UTF8_FLAG, true);
    view.setUint16(at + 8, part.method, true);
    view.setUint32(at + 14, part.crc32, true);
    view.setUint32(at + 18, part.data.length, true);
    view.setUint32(at + 22, part.uncompressedBytes, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out.set(part.data, at + 30 + name.length);
    at += 30 + name.length + part.data.length;
  });
  const directoryOffset = at;
  parts.forEach((part, i) => {
    const name = names[i]!;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, UTF8_FLAG, true);
    view.setUint16(at + 10, part.method, true);
    view.setUint32(at + 16, part.crc32, true);
    view.setUint32(at + 20, part.data.length, true);
    view.setUint32(at + 24, part.uncompressedBytes, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - directoryOffset, true);
  view.setUint32(at + 16, directoryOffset, true);
  return out;
}
