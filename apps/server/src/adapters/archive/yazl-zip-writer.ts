/** The zip port with yazl: entries pumped one after another from their sources, stored, straight to the output stream. */
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';
import yazl from 'yazl';
import type { ZipEntry, ZipWriter } from '../../ports/zip-writer.ts';

// yazl sums every entry with buffer-crc32, a byte-at-a-time JavaScript loop about ten times slower
// than zlib's own crc32, which then sets the pace of a media package. The module yazl loads is
// given Node's crc32 instead (same answer: `unsigned(bytes, previous)`), so a package streams at
// the speed of the disk. yazl reads the function at each call, so the swap holds for every entry.
const crcOfYazl = createRequire(createRequire(import.meta.url).resolve('yazl'))('buffer-crc32') as { unsigned: (bytes: Buffer, previous?: number) => number };
crcOfYazl.unsigned = (bytes, previous = 0) => crc32(bytes, previous);

/** A fixed time for every entry, so two packages of the same content are the same bytes. */
const ENTRY_TIME = new Date(Date.UTC(2000, 0, 1));

export function createYazlZipWriter(): ZipWriter {
  return {
    write(entries) {
      const zip = new yazl.ZipFile();
      // Room for a MiB between the zip and its reader (the default 16 KiB split every entry into small pieces).
      const out = new PassThrough({ highWaterMark: 1024 * 1024 });
      zip.on('error', (err: Error) => out.destroy(err));
      zip.outputStream.on('error', (err: Error) => out.destroy(err));
      zip.outputStream.pipe(out);
      for (const e of entries) {
        if ('text' in e) {
          zip.addBuffer(Buffer.from(e.text, 'utf8'), e.path, { compress: false, mtime: ENTRY_TIME });
        } else {
          zip.addReadStreamLazy(e.path, { compress: false, mtime: ENTRY_TIME, ...(e.size === null ? {} : { size: e.size }) }, (cb) => {
            e.open().then(
              (s) => cb(null, s),
              (err: unknown) => cb(err, new PassThrough()),
            );
          });
        }
      }
      const size = new Promise<number | null>((resolve) => {
        // yazl answers the final size (−1 when an entry's size is unknown); its types leave the argument out.
        const end = zip.end.bind(zip) as (options: object, done: (total: number) => void) => void;
        end({}, (total) => resolve(total >= 0 ? total : null));
      });
      return { stream: out, size };
    },
  };
}

export type { ZipEntry };
