import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { BlobCorruptError, BlobNotFoundError, localFileStore } from './file-store.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const freshStore = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cfp-files-')), 'store');
  return { dir, store: localFileStore({ dir }) };
};
/** Every file under `dir`, relative, sorted. */
const listAll = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();

describe('localFileStore', () => {
  it('stores by SHA-256 under <aa>/<bb>/<sha256>, owner-only, and reads the same bytes back', async () => {
    const { dir, store } = freshStore();
    const bytes = new TextEncoder().encode('企业,排放\n示例,1.5\n');
    const key = sha256(bytes);
    expect(await store.exists(key)).toBe(false);
    expect(await store.put(bytes)).toEqual({ sha256: key, size: bytes.length });
    expect(await store.exists(key)).toBe(true);
    expect(listAll(dir)).toEqual([`${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`]);
    expect(statSync(join(dir, key.slice(0, 2), key.slice(2, 4), key)).mode & 0o777).toBe(0o600);
    for (const folder of [dir, join(dir, key.slice(0, 2)), join(dir, key.slice(0, 2), key.slice(2, 4))]) expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(new Uint8Array(await buffer(await store.get(key)))).toEqual(bytes);
  });

  it('keeps one blob for identical bytes, and leaves no temporary files', async () => {
    const { dir, store } = freshStore();
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes.slice())]);
    expect(a).toEqual(b);
    await store.put(bytes);
    expect(listAll(dir)).toHaveLength(1);
  });

  it('reads large blobs in chunks', async () => {
    const { store } = freshStore();
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) % 256);
    const { sha256: key } = await store.put(bytes);
    expect(sha256(await buffer(await store.get(key)))).toBe(key);
  });

  it('answers BlobNotFoundError for an absent blob and refuses keys that are not a SHA-256', async () => {
    const { store } = freshStore();
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
    await expect(store.exists('AB'.repeat(32))).rejects.toThrow(/not a SHA-256/);
  });

  it('fails a read whose bytes no longer match their hash, before the last chunk', async () => {
    const { dir, store } = freshStore();
    const bytes = new Uint8Array(200_000).fill(1);
    const { sha256: key } = await store.put(bytes);
    writeFileSync(join(dir, key.slice(0, 2), key.slice(2, 4), key), new Uint8Array(200_000).fill(2));
    const received: Buffer[] = [];
    const stream = await store.get(key);
    stream.on('data', (chunk: Buffer) => received.push(chunk));
    await expect(new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject))).rejects.toBeInstanceOf(BlobCorruptError);
    expect(Buffer.concat(received).length).toBeLessThan(bytes.length);
  });
});
