/**
 * A render's scratch files, in this process's own folder (the tasks themselves are in the database):
 *
 *   <workDir>/<taskId>/start.img, end.img         the pictures, copied from the blob store
 *   <workDir>/<taskId>/render-<random>.tmp.mp4     ffmpeg's output while it runs
 *
 * Nothing here outlives the render: the output goes into the blob store, and the folder is removed.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** The scratch of one work folder. */
export function createRenderScratch(workDir: string) {
  const dir = (taskId: string) => join(workDir, taskId);

  return {
    dir,

    /** Copies a picture out of the blob store into the task's folder, returning its path. */
    async copyPicture(taskId: string, name: 'start' | 'end', open: () => Promise<NodeJS.ReadableStream>): Promise<string> {
      await mkdir(dir(taskId), { recursive: true });
      const target = join(dir(taskId), `${name}.img`);
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await pipeline(await open(), createWriteStream(tmp, { flags: 'wx' }));
        await rename(tmp, target);
      } finally {
        await rm(tmp, { force: true });
      }
      return target;
    },

    /** A fresh name for ffmpeg's output, so two renders of a task could never write one file. */
    async newPartial(taskId: string): Promise<string> {
      await mkdir(dir(taskId), { recursive: true });
      return join(dir(taskId), `render-${randomBytes(6).toString('hex')}.tmp.mp4`);
    },

    /** Removes everything a render of the task left here. */
    remove: (taskId: string) => rm(dir(taskId), { recursive: true, force: true }),
  };
}
