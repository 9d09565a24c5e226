/**
 * The previs generator's tasks on disk, one folder each under the work folder:
 *
 *   <workDir>/<taskId>/request.json   written at submit, before anything else: the task exists
 *   <workDir>/<taskId>/start.img, end.img   the pictures, copied from the blob store
 *   <workDir>/<taskId>/render-*.tmp.mp4     ffmpeg's output while it runs
 *   <workDir>/<taskId>/out.mp4        renamed into place only when ffmpeg succeeded: the task is done
 *   <workDir>/<taskId>/failed.json    ffmpeg failed: the error, for good
 *   <workDir>/<taskId>/canceled       cancelled
 *   <workDir>/renders.log             one line per completed render
 *
 * Because the request is on disk, a render cut off by a restart is started again by the next
 * poll, and a finished one (out.mp4) is never redone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ProviderError } from '../../../ports/video-provider.ts';
import type { PrevisRenderRequest } from './previs.request.ts';

const TASK_ID = /^previs_[0-9a-f]{24}$/;

/** The task id for an idempotency key: the same key always names the same task. */
export function previsTaskId(idempotencyKey: string): string {
  return `previs_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/** Whether a string is a previs task id (so it is safe as a folder name). */
export function isPrevisTaskId(id: string): boolean {
  return TASK_ID.test(id);
}

/** What is on disk for a task, read in the order that decides its state. */
export type TaskOnDisk =
  | { state: 'missing' }
  | { state: 'succeeded'; size: number }
  | { state: 'canceled' }
  | { state: 'failed'; error: ProviderError }
  | { state: 'pending' };

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The files of one work folder. */
export function createTaskFiles(workDir: string) {
  const dir = (taskId: string) => join(workDir, taskId);
  const path = (taskId: string, name: string) => join(workDir, taskId, name);

  /** Writes a small file whole or not at all: a temporary name, then a rename. */
  async function writeAtomic(target: string, text: string): Promise<void> {
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, target);
  }

  return {
    dir,
    output: (taskId: string) => path(taskId, 'out.mp4'),

    /** Keeps the request; a task that already has one keeps the first (a resubmission of the same key). */
    async saveRequest(taskId: string, request: PrevisRenderRequest): Promise<void> {
      await mkdir(dir(taskId), { recursive: true });
      if (await exists(path(taskId, 'request.json'))) return;
      await writeAtomic(path(taskId, 'request.json'), JSON.stringify(request));
    },

    async readRequest(taskId: string): Promise<PrevisRenderRequest> {
      return JSON.parse(await readFile(path(taskId, 'request.json'), 'utf8')) as PrevisRenderRequest;
    },

    async read(taskId: string): Promise<TaskOnDisk> {
      if (!isPrevisTaskId(taskId) || !(await exists(path(taskId, 'request.json')))) return { state: 'missing' };
      const out = await stat(path(taskId, 'out.mp4')).catch(() => null);
      if (out) return { state: 'succeeded', size: out.size };
      if (await exists(path(taskId, 'canceled'))) return { state: 'canceled' };
      const failed = await readFile(path(taskId, 'failed.json'), 'utf8').catch(() => null);
      if (failed !== null) return { state: 'failed', error: JSON.parse(failed) as ProviderError };
      return { state: 'pending' };
    },

    markCanceled: (taskId: string) => writeAtomic(path(taskId, 'canceled'), `${new Date().toISOString()}\n`),
    markFailed: (taskId: string, error: ProviderError) => writeAtomic(path(taskId, 'failed.json'), JSON.stringify(error)),

    /** Copies a picture out of the blob store into the task folder (once), returning its path. */
    async copyPicture(taskId: string, name: 'start' | 'end', open: () => Promise<NodeJS.ReadableStream>): Promise<string> {
      const target = path(taskId, `${name}.img`);
      if (await exists(target)) return target;
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await pipeline(await open(), createWriteStream(tmp, { flags: 'wx' }));
        await rename(tmp, target);
      } finally {
        await rm(tmp, { force: true });
      }
      return target;
    },

    /** Removes ffmpeg outputs left unfinished (by an interrupted or stopped render). */
    async removePartials(taskId: string): Promise<void> {
      for (const name of await readdir(dir(taskId))) {
        if (name.startsWith('render-') && name.endsWith('.tmp.mp4')) await rm(path(taskId, name), { force: true });
      }
    },

    /** A fresh name for ffmpeg's output, so two renders of a task could never write one file. */
    newPartial: (taskId: string) => path(taskId, `render-${randomBytes(6).toString('hex')}.tmp.mp4`),

    /**
     * Publishes a finished render: renamed to out.mp4 (atomic, so out.mp4 is always whole) and
     * counted in renders.log. If another render of the task got there first, this one is dropped.
     */
    async publish(taskId: string, partial: string): Promise<void> {
      if (await exists(path(taskId, 'out.mp4'))) {
        await rm(partial, { force: true });
        return;
      }
      await rename(partial, path(taskId, 'out.mp4'));
      await appendFile(join(workDir, 'renders.log'), `${taskId}\n`);
    },
  };
}

/** The files of one work folder (see createTaskFiles). */
export type TaskFiles = ReturnType<typeof createTaskFiles>;
