/** The zip port with yazl: entries pumped one after another from their sources, stored, straight to the output stream. */
import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import type { ZipEntry, ZipWriter } from '../../ports/zip-writer.ts';

/** A fixed time for every entry, so two packages of the same content are the same bytes. */
const ENTRY_TIME = new Date(Date.UTC(2000, 0, 1));

export function createYazlZipWriter(): ZipWriter {
  return {
    write(entries) {
      const zip = new yazl.ZipFile();
      const out = new PassThrough();
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
