/**
 * Process-local scratch in the data folder (upload staging, previs renders): one folder per
 * process under a root, named by its id in the process registry. What a process writes there no
 * other process reads, so a folder is removed once its process is no longer alive.
 */
import { opendir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The scratch folder of a process under `root` (created by whoever first writes to it). */
export function processFolder(root: string, processId: string): string {
  return join(root, processId);
}

/**
 * Removes the folders under `root` of processes not in `alive` last changed before `before` (a
 * folder changed later belongs to a process that registered after the caller looked), and loose
 * files of an older layout last changed before `looseBefore`. Returns how many entries went.
 */
export async function sweepProcessFolders(root: string, o: { alive: ReadonlySet<string>; before: Date; looseBefore: Date }): Promise<number> {
  const dir = await opendir(root).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  });
  if (!dir) return 0;
  let removed = 0;
  for await (const entry of dir) {
    if (entry.isDirectory() && o.alive.has(entry.name)) continue;
    const info = await stat(join(root, entry.name)).catch(() => undefined);
    if (!info) continue;
    const cutoff = info.isDirectory() ? o.before : o.looseBefore;
    if (info.mtimeMs >= cutoff.getTime()) continue;
    await rm(join(root, entry.name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
