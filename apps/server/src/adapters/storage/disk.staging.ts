/** Upload staging in a private folder of the data directory; leftovers of a crash are removed at the next start. */
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../domain/errors.ts';
import type { Staging } from '../../ports/staging.ts';

export function createDiskStaging(root: string): Staging & { sweep(olderThanMs?: number): number } {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const fresh = (extension = '') => join(root, `${randomUUID()}${extension}`);
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
    /** Removes staged files older than the threshold (default one hour); returns how many. */
    sweep(olderThanMs = 3_600_000) {
      let removed = 0;
      for (const name of readdirSync(root)) {
        const path = join(root, name);
        if (Date.now() - statSync(path).mtimeMs > olderThanMs) {
          rmSync(path, { force: true, recursive: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
