/**
 * Blob storage in a local folder, addressed by content: `<root>/blobs/ab/cd/<sha256>`.
 * An upload is written to `<root>/tmp/<random>` while it is hashed, flushed to disk, then renamed
 * into place, so a blob path only ever holds complete bytes whose hash is its name. Markers live
 * apart, in `<root>/markers/<sha256>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, ByteRange, StoredBlob } from '../../ports/blob-store.ts';
import { blobNotFound, checkRange, isSha256, meterUpload } from './blob-stream.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Two levels of two hex digits keep any one folder to a few thousand entries, even with millions of blobs. */
function blobPath(root: string, sha256: string): string {
  return join(root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** A blob store in the folder `root` (created on first use). */
export function createDiskBlobStore(options: { root: string }): BlobStore {
  const { root } = options;
  const tmpDir = join(root, 'tmp');

  async function put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, limits?: { maxBytes?: number }): Promise<StoredBlob> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomBytes(12).toString('hex'));
    const meter = meterUpload(source, limits?.maxBytes);
    try {
      // `flush` fsyncs before close: the rename below must never publish bytes still in the page cache only.
      await pipeline(meter.chunks, createWriteStream(tmp, { flags: 'wx', flush: true }));
      const sha256 = meter.digest();
      const target = blobPath(root, sha256);
      if (
        await stat(target).then(
          () => true,
          () => false,
        )
      ) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        // rename is atomic; two identical uploads racing both land the same bytes on the same name.
        await rename(tmp, target);
        await syncFolder(dirname(target));
      }
      return { sha256, size: meter.size };
    } catch (err) {
      await rm(tmp, { force: true });
      throw meter.failure ?? err;
    }
  }

  async function get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    if (!isSha256(sha256)) throw blobNotFound(sha256);
    // Opening first (rather than createReadStream(path)) turns a missing blob into blob.not_found here, not a stream error later.
    const file = await open(blobPath(root, sha256), 'r').catch((err: unknown) => {
      throw isMissing(err) ? blobNotFound(sha256) : err;
    });
    try {
      // A whole file (a handoff, an archive, a download) is read a MiB at a time: 64 KiB reads made a
      // 400 MiB handoff package twice as slow (bench/handoff). A small file (a poster) is read in one
      // piece of its own size, not into a MiB. Ranges (the player's) keep the default.
      const { size } = await file.stat();
      if (!range) return file.createReadStream({ highWaterMark: Math.max(64 * 1024, Math.min(1024 * 1024, size)) });
      const { start, end } = checkRange(range, size);
      return file.createReadStream({ start, end });
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  async function statBlob(sha256: string): Promise<{ size: number } | undefined> {
    if (!isSha256(sha256)) return undefined;
    try {
      return { size: (await stat(blobPath(root, sha256))).size };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async function remove(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await rm(blobPath(root, sha256), { force: true });
  }

  async function sweep(keep: (sha256: string, modifiedAt: Date) => Promise<boolean>, options?: { olderThanMs?: number }) {
    const olderThanMs = options?.olderThanMs ?? HOUR_MS;
    let temporary = 0;
    let orphans = 0;
    const now = Date.now();
    for await (const name of entries(tmpDir)) {
      const path = join(tmpDir, name);
      // mtime, not birth time: an upload still being written keeps touching its file.
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && now - info.mtimeMs >= olderThanMs) {
        await rm(path, { force: true });
        temporary++;
      }
    }
    const blobsDir = join(root, 'blobs');
    for await (const a of entries(blobsDir)) {
      for await (const b of entries(join(blobsDir, a))) {
        for await (const name of entries(join(blobsDir, a, b))) {
          if (!isSha256(name)) continue;
          const info = await stat(join(blobsDir, a, b, name)).catch(() => undefined);
          if (!info || (await keep(name, info.mtime))) continue;
          await unlink(join(blobsDir, a, b, name)).catch((err: unknown) => {
            if (!isMissing(err)) throw err;
          });
          orphans++;
        }
      }
    }
    return { temporary, orphans };
  }

  const markerPath = (sha256: string) => join(root, 'markers', sha256);

  async function putMarker(text: string): Promise<string> {
    const sha256 = createHash('sha256').update(text).digest('hex');
    const target = markerPath(sha256);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, text, { flag: 'wx', flush: true });
    await rename(tmp, target);
    await syncFolder(dirname(target));
    return sha256;
  }

  async function hasMarker(sha256: string): Promise<boolean> {
    return (
      isSha256(sha256) &&
      (await stat(markerPath(sha256)).then(
        () => true,
        () => false,
      ))
    );
  }

  return { kind: 'disk', location: resolve(root), put, get, stat: statBlob, delete: remove, sweep, putMarker, hasMarker };
}

/** Names in a folder, read a batch at a time; a missing folder has none. */
async function* entries(folder: string): AsyncGenerator<string> {
  const dir = await opendir(folder).catch((err: unknown) => {
    if (isMissing(err)) return undefined;
    throw err;
  });
  if (!dir) return;
  for await (const entry of dir) yield entry.name;
}

/** Makes a rename durable: the new name is in the folder, not only the file's bytes on disk. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
