/**
 * This process in the registry of processes on the database: registered at start with its host,
 * pid and kind, a heartbeat every few seconds, removed on a clean stop. Another process is alive
 * while its heartbeat is fresh and, on this host, while its pid still runs — so a server killed
 * and started again at once does not wait for the old heartbeat to go stale.
 */
import { hostname } from 'node:os';
import { uuidv7 } from 'uuidv7';
import type { ProcessKind, ProcessRecord, ProcessRegistry } from '../../ports/process-registry.ts';

/** How often a process records that it is alive. */
export const HEARTBEAT_MS = 5_000;
/** A heartbeat older than this means the process is gone (six missed beats; allows some clock skew between machines). */
export const STALE_MS = 30_000;

export interface ProcessPresence {
  readonly id: string;
  /** When this process registered; nothing another process wrote after it can predate it. */
  readonly registeredAt: Date;
  /** The other registered processes, split into alive and dead, as judged now. */
  survey(): Promise<{ alive: ProcessRecord[]; dead: ProcessRecord[] }>;
  /** Stops the heartbeat and removes this process from the registry. */
  stop(): Promise<void>;
}

/** Whether a process with this pid runs on this machine (EPERM: it does, as another user). */
function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a registered process is alive at `now`, by its heartbeat and, on this host, its pid. */
export function isAlive(p: ProcessRecord, now: Date, host = hostname()): boolean {
  if (now.getTime() - Date.parse(p.heartbeatAt) > STALE_MS) return false;
  return p.host !== host || pidRuns(p.pid);
}

/** Registers this process and starts its heartbeat. */
export async function startProcessPresence(o: { registry: ProcessRegistry; kind: ProcessKind; log?: (err: unknown) => void }): Promise<ProcessPresence> {
  const registeredAt = new Date();
  const record: ProcessRecord = { id: uuidv7(), host: hostname(), pid: process.pid, kind: o.kind, startedAt: registeredAt.toISOString(), heartbeatAt: registeredAt.toISOString() };
  await o.registry.register(record);
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = (async () => {
      const at = new Date().toISOString();
      // Judged dead while it could not beat (a long pause, a lost connection) and removed: register again.
      if (!(await o.registry.heartbeat(record.id, at))) await o.registry.register({ ...record, heartbeatAt: at });
    })().catch((err: unknown) => o.log?.(err));
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    id: record.id,
    registeredAt,
    async survey() {
      const now = new Date();
      const others = (await o.registry.list()).filter((p) => p.id !== record.id);
      return { alive: others.filter((p) => isAlive(p, now)), dead: others.filter((p) => !isAlive(p, now)) };
    },
    async stop() {
      clearInterval(timer);
      await beating;
      await o.registry.remove(record.id);
    },
  };
}
