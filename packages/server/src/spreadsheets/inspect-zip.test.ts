import { describe, expect, it } from 'vitest';
import { defaultLimits } from './column-spec.ts';
import { buildZip } from './fixtures/build-zip.ts';
import { xlsxOf } from './fixtures/build-workbook.ts';
import { inspectZip, type ZipLimits } from './inspect-zip.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';
import { writeXlsx } from './write-xlsx.ts';

const MiB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);
const zeros = (bytes: number) => new Uint8Array(bytes);

async function refusal(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<SpreadsheetError> {
  try {
    await inspectZip({ bytes, limits: { ...defaultLimits, ...limits } });
  } catch (e) {
    if (e instanceof SpreadsheetError) return e;
    throw e;
  }
  throw new Error('expected inspectZip to refuse the zip');
}

describe('inspectZip', () => {
  it('accepts what exceljs writes, streamed (data descriptors) and not', async () => {
    const streamed = await writeXlsx({ sheets: [{ name: 'S', columns: [{ key: 'a', labelZh: '甲', labelEn: 'A', kind: 'text' }], rows: [{ a: 'x' }] }] });
    const plain = await xlsxOf([['a'], ['x']]);
    for (const bytes of [streamed, plain]) {
      const entries = await inspectZip({ bytes, limits: defaultLimits });
      expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
      expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    }
  });

  it('accepts a hand-built zip with stored and deflated entries and reports their sizes', async () => {
    const entries = await inspectZip({
      bytes: buildZip([
        { name: 'a.xml', data: text('<a/>'), method: 0 },
        { name: 'b.xml', data: zeros(5000) },
      ]),
      limits: defaultLimits,
    });
    expect(entries.map(({ name, method, uncompressedBytes }) => ({ name, method, uncompressedBytes }))).toEqual([
      { name: 'a.xml', method: 0, uncompressedBytes: 4 },
      { name: 'b.xml', method: 8, uncompressedBytes: 5000 },
    ]);
  });

  it('refuses more entries than the cap, before reading any of them', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ name: `p${i}.xml`, data: text('<p/>'), method: 0 as const }));
    const error = await refusal(buildZip(many));
    expect(error.code).toBe('ZIP_LIMITS');
    expect(error.details).toEqual({ limit: 'entries', maximum: 200, actual: 201 });
    await expect(inspectZip({ bytes: buildZip(many.slice(0, 200)), limits: defaultLimits })).resolves.toHaveLength(200);
  });

  it('refuses a part above 1 MiB that compresses more than 200:1 (zip bomb)', async () => {
    const error = await refusal(buildZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(2 * MiB) }]));
    expect(error.code).toBe('ZIP_LIMITS');
    expect(error.details).toMatchObject({ limit: 'compression-ratio', maximum: 200, entry: 'xl/worksheets/sheet1.xml' });
    expect((error.details as { actual: number }).actual).toBeGreaterThan(200);
    expect(error.status).toBe(413);
  });

  it('lets small parts compress as well as they like', async () => {
    await expect(inspectZip({ bytes: buildZip([{ name: 'xl/styles.xml', data: zeros(MiB) }]), limits: defaultLimits })).resolves.toHaveLength(1);
  });

  it('refuses a part whose declared size is a lie, stopping the inflation early', async () => {
    // Declared 1,000 bytes (so the ratio check passes); it inflates to 3 MiB.
    const error = await refusal(buildZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(3 * MiB), declaredUncompressedBytes: 1000 }]));
    expect(error.code).toBe('ZIP_LIMITS');
    expect(error.details).toMatchObject({ limit: 'declared-size', entry: 'xl/worksheets/sheet1.xml' });
  });

  it('refuses a part that inflates to less than declared', async () => {
    expect((await refusal(buildZip([{ name: 'a.xml', data: zeros(100), declaredUncompressedBytes: 200 }]))).code).toBe('CORRUPT_FILE');
  });

  it('refuses more uncompressed or compressed bytes in total than the caps', async () => {
    const zip = buildZip([
      { name: 'a.xml', data: text('x'.repeat(600)), method: 0 },
      { name: 'b.xml', data: text('y'.repeat(600)), method: 0 },
    ]);
    expect((await refusal(zip, { maxUncompressedBytes: 1000 })).details).toEqual({ limit: 'uncompressed-bytes', maximum: 1000, actual: 1200 });
    expect((await refusal(zip, { maxCompressedBytes: 1000 })).details).toEqual({ limit: 'compressed-bytes', maximum: 1000, actual: 1200 });
  });

  it('refuses encrypted entries', async () => {
    const error = await refusal(buildZip([{ name: 'xl/workbook.xml', data: text('<workbook/>'), flags: 0x0001 }]));
    expect(error.code).toBe('ZIP_ENCRYPTED');
    expect(error.details).toEqual({ entry: 'xl/workbook.xml' });
  });

  it('refuses a central directory that disagrees with the local header', async () => {
    const error = await refusal(buildZip([{ name: 'a.xml', data: zeros(100), centralUncompressedBytes: 50 }]));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.details).toEqual({ reason: 'local sizes differ for a.xml' });
  });

  it.each([
    ['a truncated file', (zip: Uint8Array) => zip.subarray(0, zip.length - 10)],
    ['bytes appended after the end record', (zip: Uint8Array) => new Uint8Array([...zip, 1, 2, 3])],
    ['no end record at all', () => text('PK\u0003\u0004 not really a zip')],
  ])('refuses %s as CORRUPT_FILE', async (_name, mangle) => {
    const zip = buildZip([{ name: 'a.xml', data: text('<a/>') }]);
    expect((await refusal(mangle(zip))).code).toBe('CORRUPT_FILE');
  });
});
