/**
 * Checks an xlsx's zip container before any XML parser sees it, in plain TypeScript: the central
 * directory must be sane and within the caps (entry count, total compressed and uncompressed size,
 * per-entry compression ratio — the zip bomb guard), no entry may be encrypted, and each central
 * entry's local header must agree with it (name, method, sizes).
 *
 * Declared sizes can lie, so each deflated entry is also inflated once here (streamed, nothing
 * kept) and must produce exactly its declared size; inflation stops as soon as it passes it.
 *
 * What the streaming reader then reads is not these bytes but `rebuildZipForStreaming`'s copy of
 * the entries listed here, so anything the central directory does not list is never parsed.
 *
 * zip64, multi-disk archives and compression other than stored/deflate are refused: no workbook
 * under the caps needs them.
 *
 * @example
 * const entries = await inspectZip({ bytes, limits: defaultLimits }); // throws SpreadsheetError
 */
import { createInflateRaw } from 'node:zlib';
import type { Limits } from './column-spec.ts';
import { spreadsheetError } from './spreadsheet-error.ts';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  /** CRC-32 of the uncompressed data, as the central directory states it. */
  crc32: number;
  compressedBytes: number;
  uncompressedBytes: number;
  localHeaderOffset: number;
  dataOffset: number;
}

export type ZipLimits = Pick<Limits, 'maxZipEntries' | 'maxCompressedBytes' | 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioCheckAboveBytes'>;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
/** Bit 0: traditional encryption; bit 6: strong encryption; bit 13: encrypted central directory. */
const ENCRYPTION_FLAGS = 0x0001 | 0x0040 | 0x2000;
/** Bit 3: sizes and CRC follow the data in a data descriptor. */
const DESCRIPTOR_FLAG = 0x0008;
const UTF8_FLAG = 0x0800;

const corrupt = (reason: string) => spreadsheetError('CORRUPT_FILE', { reason });

/** The entries of the zip in `bytes`, after every check above; throws `SpreadsheetError` otherwise. */
export async function inspectZip(options: { bytes: Uint8Array; limits: ZipLimits }): Promise<ZipEntry[]> {
  const { bytes, limits } = options;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  const eocd = findEndOfCentralDirectory(bytes, view);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== u16(eocd + 10)) throw corrupt('multi-disk zip');
  const entryCount = u16(eocd + 10);
  const directoryBytes = u32(eocd + 12);
  const directoryOffset = u32(eocd + 16);
  if (entryCount === 0xffff || directoryBytes === 0xffffffff || directoryOffset === 0xffffffff) throw corrupt('zip64');
  if (eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) throw corrupt('zip64');
  if (entryCount > limits.maxZipEntries) throw spreadsheetError('ZIP_LIMITS', { limit: 'entries', maximum: limits.maxZipEntries, actual: entryCount });
  if (directoryOffset + directoryBytes !== eocd) throw corrupt('central directory does not end at the end record');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let totalCompressed = 0;
  let totalUncompressed = 0;
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + CENTRAL_BYTES > eocd || u32(at) !== CENTRAL_SIGNATURE) throw corrupt('bad central directory entry');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    const compressedBytes = u32(at + 20);
    const uncompressedBytes = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const localHeaderOffset = u32(at + 42);
    const nameBytes = bytes.subarray(at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength);
    const name = decodeName(nameBytes, flags);
    at += CENTRAL_BYTES + nameLength + extraLength + commentLength;
    if (at > eocd) throw corrupt('central directory overruns');

    if (flags & ENCRYPTION_FLAGS) throw spreadsheetError('ZIP_ENCRYPTED', { entry: name });
    if (compressedBytes === 0xffffffff || uncompressedBytes === 0xffffffff || localHeaderOffset === 0xffffffff) throw corrupt('zip64');
    if (method !== 0 && method !== 8) throw corrupt(`compression method ${method}`);
    if (method === 0 && compressedBytes !== uncompressedBytes) throw corrupt('stored entry with different sizes');
    if (names.has(name)) throw corrupt(`duplicate entry ${name}`);
    names.add(name);

    totalCompressed += compressedBytes;
    totalUncompressed += uncompressedBytes;
    if (totalCompressed > limits.maxCompressedBytes)
      throw spreadsheetError('ZIP_LIMITS', { limit: 'compressed-bytes', maximum: limits.maxCompressedBytes, actual: totalCompressed });
    if (totalUncompressed > limits.maxUncompressedBytes) {
      throw spreadsheetError('ZIP_LIMITS', { limit: 'uncompressed-bytes', maximum: limits.maxUncompressedBytes, actual: totalUncompressed });
    }
    // Ratio as uncompressed/compressed; a zero-byte compressed part that inflates to more than the threshold is infinitely compressed.
    if (uncompressedBytes > limits.ratioCheckAboveBytes && uncompressedBytes > compressedBytes * limits.maxCompressionRatio) {
      const ratio = compressedBytes === 0 ? Infinity : Math.round(uncompressedBytes / compressedBytes);
      throw spreadsheetError('ZIP_LIMITS', { limit: 'compression-ratio', maximum: limits.maxCompressionRatio, actual: ratio, entry: name });
    }

    // The local header must agree with the central entry.
    const local = localHeaderOffset;
    if (local + LOCAL_BYTES > directoryOffset || u32(local) !== LOCAL_SIGNATURE) throw corrupt(`no local header for ${name}`);
    const localFlags = u16(local + 6);
    const localNameLength = u16(local + 26);
    const localExtraLength = u16(local + 28);
    const dataOffset = local + LOCAL_BYTES + localNameLength + localExtraLength;
    if ((localFlags & ENCRYPTION_FLAGS) !== 0) throw spreadsheetError('ZIP_ENCRYPTED', { entry: name });
    if (u16(local + 8) !== method || (localFlags & DESCRIPTOR_FLAG) !== (flags & DESCRIPTOR_FLAG)) throw corrupt(`local header differs for ${name}`);
    if (!sameBytes(bytes.subarray(local + LOCAL_BYTES, local + LOCAL_BYTES + localNameLength), nameBytes)) throw corrupt(`local name differs for ${name}`);
    const localCompressed = u32(local + 18);
    const localUncompressed = u32(local + 22);
    const deferred = (flags & DESCRIPTOR_FLAG) !== 0;
    // With a data descriptor the local sizes may be zero; any other value must match.
    const sizesAgree = (localCompressed === compressedBytes && localUncompressed === uncompressedBytes) || (deferred && localCompressed === 0 && localUncompressed === 0);
    if (!sizesAgree) throw corrupt(`local sizes differ for ${name}`);
    if (dataOffset + compressedBytes > directoryOffset) throw corrupt(`data of ${name} overruns`);
    entries.push({ name, method, flags, crc32, compressedBytes, uncompressedBytes, localHeaderOffset, dataOffset });
  }
  if (at !== eocd) throw corrupt('central directory size mismatch');

  for (const entry of entries) {
    if (entry.method !== 8) continue;
    const produced = await inflatedBytes(bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedBytes), entry.uncompressedBytes);
    if (produced === 'over') {
      throw spreadsheetError('ZIP_LIMITS', { limit: 'declared-size', maximum: entry.uncompressedBytes, actual: entry.uncompressedBytes + 1, entry: entry.name });
    }
    if (produced !== entry.uncompressedBytes) throw corrupt(`${entry.name} inflates to ${produced} bytes, not ${entry.uncompressedBytes}`);
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes that must run to the end.
  const lowest = Math.max(0, bytes.length - EOCD_BYTES - 0xffff);
  for (let at = bytes.length - EOCD_BYTES; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_BYTES + view.getUint16(at + 20, true) === bytes.length) return at;
  }
  throw corrupt('no end of central directory');
}

/** Bytes that `deflated` inflates to, or 'over' as soon as it passes `declared` (nothing is kept). */
function inflatedBytes(deflated: Uint8Array, declared: number): Promise<number | 'over'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let produced = 0;
    let settled = false;
    const settle = (result: number | 'over') => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > declared) settle('over');
    });
    inflate.on('end', () => settle(produced));
    // A broken deflate stream: reported as a size mismatch (-1 never equals a declared size).
    inflate.on('error', () => settle(-1));
    inflate.end(deflated);
  });
}

function decodeName(nameBytes: Uint8Array, flags: number): string {
  // Names in a workbook are ASCII; anything else only ever appears in error messages.
  return flags & UTF8_FLAG ? new TextDecoder('utf-8').decode(nameBytes) : new TextDecoder('latin1').decode(nameBytes);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
