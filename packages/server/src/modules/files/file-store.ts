/**
 * The one place file bytes live. Blobs are content-addressed by their SHA-256, so identical
 * uploads share one blob and a blob never changes once written. The interface is deliberately
 * small — put, get, exists — so that an S3-compatible store (MinIO, OSS, COS) can implement it
 * later without touching callers.
 *
 * The local implementation keeps `<dir>/<aa>/<bb>/<sha256>` (the first two byte pairs of the hash
 * fan out the folders), owner-only (folders 0700, files 0600). A blob is written to a temporary
 * file in its final folder, flushed to disk, then renamed into place: readers see the whole blob or
 * none of it, even after a crash. Reads are verified: a blob whose bytes no longer hash to its name
 * (disk corruption, tampering) fails before its last chunk is delivered, so a client that checks
 * Content-Length never takes a damaged download for a complete one.
 *
 * Blobs are never deleted here: rows point at them from the database, and a blob whose row was
 * rolled back (a failed request) stays as an orphan until a cleanup job removes unreferenced blobs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';

export interface StoredBlob {
  /** Lowercase hex SHA-256 of the bytes: the blob's key. */
  sha256: string;
  /** Bytes. */
  size: number;
}

export interface FileStore {
  /** Stores `bytes` (once: a blob already there is kept) and returns its key and size. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The blob's bytes as a stream that fails if they no longer match the key. BlobNotFoundError if absent. */
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
  constructor(readonly sha256: string) {
    super(`no blob ${sha256} in the file store`);
  }
}

export class BlobCorruptError extends Error {
  override name = 'BlobCorruptError';
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`blob ${sha256} is damaged: its bytes hash to ${actual}`);
  }
}

/** A stored blob's bytes, whole (spreadsheets and lists of a few MiB; downloads stream with `get`). */
export async function readBlob(store: FileStore, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** A store on the local disk (or a mounted volume) under `dir`, created on first write. */
export function localFileStore(options: { dir: string }): FileStore {
  const pathOf = (sha256: string): string => {
    // The key becomes a path: anything but 64 hex digits could climb out of the store.
    if (!sha256Pattern.test(sha256)) throw new Error(`not a SHA-256 key: ${JSON.stringify(sha256.slice(0, 80))}`);
    return join(options.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const sizeOf = async (path: string): Promise<number | undefined> => {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha256);
      // Same key and size: the same bytes are already there (a collision of SHA-256 is not a concern).
      if ((await sizeOf(path)) === bytes.length) return { sha256, size: bytes.length };
      const folder = dirname(path);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const temp = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        // Atomic on one file system; two writers of the same bytes both succeed with one blob.
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncFolder(folder);
      return { sha256, size: bytes.length };
    },

    async get(sha256) {
      const path = pathOf(sha256);
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
        throw error;
      }
      const source = handle.createReadStream();
      const verified = verifying(sha256);
      return pipeline(source, verified, () => undefined);
    },

    async exists(sha256) {
      return (await sizeOf(pathOf(sha256))) !== undefined;
    },
  };
}

/** Passes bytes through, holding back the last chunk until the whole stream hashed to `sha256`. */
function verifying(sha256: string): Transform {
  const hash = createHash('sha256');
  let pending: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const previous = pending;
      pending = chunk;
      done(null, previous);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual !== sha256) return done(new BlobCorruptError(sha256, actual));
      done(null, pending);
    },
  });
}

/** Makes a rename durable (its folder entry on disk); not every platform can open a folder for it. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // e.g. Windows: the rename itself is still atomic
  }
}
