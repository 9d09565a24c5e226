/**
 * The archive bundle as a zip: written with yazl one entry at a time (stored, with data
 * descriptors, so nothing is measured or held in memory before it is written, and zip64 past
 * 4 GiB), read with yauzl by its central directory (each entry a stream of its own, in any order).
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { DomainError } from '../../domain/errors.ts';
import type { BundleEntry, BundleFormat, BundleReader, BundleWriter } from '../../ports/archive.ts';

/** A fixed time for every entry, so two bundles of the same content are the same bytes. */
const ENTRY_TIME = new Date(Date.UTC(2000, 0, 1));

function hashing(onBytes?: (n: number) => void) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(b);
      size += b.length;
      onBytes?.(b.length);
      done(null, b);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

function createWriter(out: NodeJS.WritableStream): BundleWriter {
  const zip = new yazl.ZipFile();
  let failed: Error | undefined;
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      done(null, chunk);
    },
  });
  const written = new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      failed ??= err;
      reject(err);
    };
    zip.outputStream.on('error', fail);
    (out as NodeJS.WritableStream & NodeJS.EventEmitter).on('error', fail);
    pipeline(zip.outputStream, counter, out as NodeJS.WritableStream).then(resolve, fail);
  });
  written.catch(() => {});
  return {
    add(path, source) {
      if (failed) return Promise.reject(failed);
      const h = hashing();
      return new Promise((resolve, reject) => {
        const input = typeof (source as NodeJS.ReadableStream).pipe === 'function' ? (source as NodeJS.ReadableStream) : Readable.from(source as AsyncIterable<Uint8Array | string>);
        h.stream.on('end', () => resolve(h.result()));
        h.stream.on('error', reject);
        input.on('error', (err: Error) => {
          h.stream.destroy(err);
          reject(err);
        });
        written.catch(reject);
        zip.addReadStreamLazy(path, { compress: false, mtime: ENTRY_TIME, forceZip64Format: false }, (cb) => {
          (input as NodeJS.ReadableStream).pipe(h.stream);
          cb(null, h.stream);
        });
      });
    },
    async finish() {
      const end = zip.end.bind(zip) as (options: object, done?: (size: number) => void) => void;
      end({});
      await written;
      return total;
    },
    abort(err) {
      failed ??= err;
      (zip.outputStream as unknown as { destroy(e: Error): void }).destroy(err);
      (out as NodeJS.WritableStream & { destroy?: (e: Error) => void }).destroy?.(err);
    },
  };
}

/**
 * The bundle file as yauzl reads it, a MiB at a time: yauzl's own reader reads entries in pieces of
 * a stream's default 16 KiB, so verifying a 4 GiB bundle made some 260,000 reads (bench/archive).
 */
const READ_CHUNK = 1024 * 1024;

class BundleFileReader extends yauzl.RandomAccessReader {
  constructor(private readonly file: FileHandle) {
    super();
  }

  /** Bytes start to end (exclusive) read through the file handle: a file stream on a shared descriptor closes it when destroyed, whatever autoClose says. */
  override _readStreamForRange(start: number, end: number): Readable {
    const file = this.file;
    let at = start;
    return new Readable({
      highWaterMark: READ_CHUNK,
      read() {
        const length = Math.min(READ_CHUNK, end - at);
        if (length <= 0) {
          this.push(null);
          return;
        }
        const chunk = Buffer.allocUnsafe(length);
        file.read(chunk, 0, length, at).then(
          ({ bytesRead: got }) => {
            if (got === 0) return this.destroy(new Error('the bundle file ends before its entry does'));
            at += got;
            this.push(got === length ? chunk : chunk.subarray(0, got));
          },
          (err: Error) => this.destroy(err),
        );
      },
    });
  }

  override close(callback: (err: Error | null) => void): void {
    this.file.close().then(() => callback(null), callback);
  }
}

async function openZip(path: string): Promise<yauzl.ZipFile> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    return await yauzl.fromRandomAccessReaderPromise(new BundleFileReader(file), size, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (err) {
    await file.close();
    throw err;
  }
}

async function openReader(path: string): Promise<BundleReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DomainError('archive.invalid', `bundle: ${path} does not exist`, 'bundle');
    throw new DomainError('archive.invalid', `bundle: ${path} is not a zip (${(err as Error).message})`, 'bundle');
  }
  const byPath = new Map<string, yauzl.Entry>();
  const entries: BundleEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      if (!e.fileName.endsWith('/')) {
        byPath.set(e.fileName, e);
        entries.push({ path: e.fileName, size: e.uncompressedSize });
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => reject(new DomainError('archive.invalid', `bundle: ${path} is not a readable zip (${err.message})`, 'bundle')));
    zip.readEntry();
  });
  const open = (name: string) =>
    new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      const e = byPath.get(name);
      if (!e) return reject(new Error(`${name} is not in the bundle`));
      zip.openReadStream(e, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  return {
    entries,
    open,
    async hash(name, onBytes) {
      const h = hashing(onBytes);
      const sink = new PassThrough();
      sink.resume();
      await pipeline(await open(name), h.stream, sink);
      return h.result();
    },
    async close() {
      zip.close();
    },
  };
}

export function createZipBundleFormat(): BundleFormat {
  return { create: createWriter, open: openReader };
}
