/** Upload staging in this process's own folder of the data directory; the folder goes on a clean stop, or at the next start after a crash. */
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../domain/errors.ts';
import type { Staging } from '../../ports/staging.ts';

/** Staging in `folder` (made now, private to this user); `dispose` removes it and what is left in it. */
export function createDiskStaging(folder: string): Staging & { dispose(): Promise<void> } {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const fresh = (extension = '') => join(folder, `${randomUUID()}${extension}`);
  return {
    async stage(source, originalName, maxBytes) {
      const path = fresh();
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) done(new DomainError('blob.too_large', `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MiB allowed.`, 'file'));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(source, limit, createWriteStream(path, { mode: 0o600 }));
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
      return { path, size, originalName };
    },
    scratchPath: (extension) => fresh(extension),
    open: (path) => createReadStream(path),
    async remove(...paths) {
      await Promise.all(paths.map((p) => rm(p, { force: true })));
    },
    async dispose() {
      await rm(folder, { recursive: true, force: true });
    },
  };
}
