/**
 * The start-up sweep of a serve or worker process: what crashed processes left behind goes —
 * scratch folders of processes no longer alive, temporary uploads, blobs stored but never
 * recorded — and nothing a live process may still be writing. With no other process alive on the
 * database, everything written before this process registered is judged; otherwise only what is
 * older than an hour.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { ProcessRegistry } from '../../ports/process-registry.ts';
import type { ProcessPresence } from '../system/process-presence.ts';
import { sweepProcessFolders } from './process-scratch.ts';

/** How long another live process's uploads and unrecorded blobs are spared. */
export const GRACE_MS = 60 * 60 * 1000;

export interface StartUpSweep {
  /** Other processes alive on the database. */
  others: number;
  /** Scratch folders (and loose files) removed. */
  scratch: number;
  temporary: number;
  orphans: number;
}

/** Sweeps scratch under `scratchRoots` and the blob store, then removes the processes judged dead from the registry. */
export async function sweepAtStart(o: {
  presence: ProcessPresence;
  registry: ProcessRegistry;
  blobs: BlobStore;
  /** Whether the database records a blob. */
  recorded: (sha256: string) => Promise<boolean>;
  scratchRoots: string[];
}): Promise<StartUpSweep> {
  // A folder changed after this moment may belong to a process that registered after the survey.
  const lookedAt = new Date();
  const { alive, dead } = await o.presence.survey();
  const before = alive.length ? new Date(Date.now() - GRACE_MS) : o.presence.registeredAt;
  const keepFolders = new Set([o.presence.id, ...alive.map((p) => p.id)]);
  let scratch = 0;
  for (const root of o.scratchRoots) scratch += await sweepProcessFolders(root, { alive: keepFolders, before: lookedAt, looseBefore: before });
  const { temporary, orphans } = await o.blobs.sweep(async (sha256, modifiedAt) => modifiedAt >= before || (await o.recorded(sha256)), {
    olderThanMs: Math.max(0, Date.now() - before.getTime()),
  });
  await o.registry.remove(...dead.map((p) => p.id));
  return { others: alive.length, scratch, temporary, orphans };
}
