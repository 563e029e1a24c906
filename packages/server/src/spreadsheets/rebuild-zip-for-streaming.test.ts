import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultLimits, type ColumnSpec } from './column-spec.ts';
import { xlsxOf } from './fixtures/build-workbook.ts';
import { buildZip } from './fixtures/build-zip.ts';
import { inspectZip } from './inspect-zip.ts';
import { readSheet } from './read-sheet.ts';
import { rebuildZipForStreaming } from './rebuild-zip-for-streaming.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';
import { writeXlsx } from './write-xlsx.ts';

/** The local headers in stream order, as a streaming reader meets them. */
function walkLocalHeaders(zip: Uint8Array): { name: string; flags: number; compressedBytes: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const found = [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const flags = view.getUint16(at + 6, true);
    const compressedBytes = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    found.push({ name: new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength)), flags, compressedBytes });
    at += 30 + nameLength + extraLength + compressedBytes;
  }
  return found;
}

const columns: ColumnSpec[] = [{ key: 'name', labelZh: '企业名称', labelEn: 'Name', kind: 'text' }];

describe('rebuildZipForStreaming', () => {
  it('puts the parts a worksheet needs first, states every size up front and adds empty shared strings', async () => {
    // exceljs's streaming writer: data descriptors, inline strings, worksheets first.
    const bytes = await writeXlsx({ sheets: [{ name: 'S', columns, rows: [{ name: '甲' }] }] });
    expect(walkLocalHeaders(bytes)[0]).toMatchObject({ compressedBytes: 0 });
    const rebuilt = rebuildZipForStreaming({ bytes, entries: await inspectZip({ bytes, limits: defaultLimits }) });
    const headers = walkLocalHeaders(rebuilt);
    const names = headers.map((h) => h.name);
    expect(names.slice(0, 6)).toEqual(['_rels/.rels', '[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
    expect(names.at(-1)).toBe('xl/worksheets/sheet1.xml');
    expect(headers.every((h) => (h.flags & 0x0008) === 0 && h.compressedBytes > 0)).toBe(true);
    // It is a valid zip in its own right.
    expect((await inspectZip({ bytes: rebuilt, limits: defaultLimits })).map((e) => e.name).sort()).toEqual([...names].sort());
  });

  it('leaves out an entry the central directory does not list, even one named like the real worksheet', async () => {
    const real = await xlsxOf([['企业名称'], ['真实企业']]);
    const parts = (await inspectZip({ bytes: real, limits: defaultLimits })).map((e) => {
      const data = real.subarray(e.dataOffset, e.dataOffset + e.compressedBytes);
      return { name: e.name, data: e.method === 8 ? new Uint8Array(inflateRawSync(data)) : data };
    });
    const hiddenSheet = new TextEncoder().encode(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>偷换的企业</t></is></c></row>' +
        '</sheetData></worksheet>',
    );
    const hiddenZip = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: hiddenSheet }]);
    // Only its local header and data: no central entry.
    const hidden = hiddenZip.subarray(0, hiddenZip.length - 22 - 46 - 'xl/worksheets/sheet1.xml'.length);
    const smuggled = buildZip(parts.map((p, i) => (i === 0 ? { ...p, junkAfter: hidden } : p)));
    expect(walkLocalHeaders(smuggled).filter((h) => h.name === 'xl/worksheets/sheet1.xml')).toHaveLength(2);

    const result = await readSheet({ bytes: smuggled, fileName: 'x.xlsx', columns });
    expect(result.rows.map((r) => r.values.name)).toEqual(['真实企业']);
  });

  it('lets a read that stops early leave no temporary file behind', async () => {
    // exceljs's ordinary writer stores the shared strings after the worksheet, as Excel does.
    const bytes = await xlsxOf([['企业名称'], ...Array.from({ length: 20 }, (_, i) => [`企业${i}`])]);
    const names = walkLocalHeaders(bytes).map((h) => h.name);
    expect(names.indexOf('xl/sharedStrings.xml')).toBeGreaterThan(names.indexOf('xl/worksheets/sheet1.xml'));
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = ours();
    await expect(readSheet({ bytes, fileName: 'x.xlsx', columns, limits: { maxRows: 5 } })).rejects.toBeInstanceOf(SpreadsheetError);
    expect(ours()).toEqual(before);
  });
});
