/**
 * The take worker: claims takes with a lease, advances each one step at a time until it waits on
 * the provider or ends, renews its leases while it works, and lets go on stop. A worker that dies
 * simply stops renewing; another (or the restarted one) claims its takes when the leases lapse,
 * and every step is idempotent, so nothing is lost or done twice.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { TakeJobs } from '../services/generate/take-jobs.service.ts';

export interface TakeWorkerOptions {
  jobs: TakeJobs;
  /** Takes advanced at once by this process. */
  slots: number;
  leaseMs: number;
  /** How often to look for due work when nothing wakes the worker. */
  idleMs?: number;
  log?: { error(obj: unknown, msg?: string): void; info?(obj: unknown, msg?: string): void };
}

export interface TakeWorker {
  readonly owner: string;
  /** Looks for work now (new takes were queued in this process). */
  wake(): void;
  /** Stops claiming and waits for the steps in flight. */
  stop(): Promise<void>;
}

export function startTakeWorker(o: TakeWorkerOptions): TakeWorker {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const active = new Map<string, Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let looking: Promise<void> | undefined;
  let again = false;

  async function work(id: string) {
    try {
      // Keep stepping while a step says the next one can run now.
      while (!stopped && (await o.jobs.advance(id, owner)) === 'again');
    } catch (error) {
      o.log?.error({ err: error, takeId: id }, 'take step failed');
    } finally {
      active.delete(id);
      schedule(0);
    }
  }

  async function look() {
    do {
      again = false;
      const free = o.slots - active.size;
      if (stopped || free <= 0) return;
      try {
        for (const id of await o.jobs.claim(owner, free, o.leaseMs)) {
          if (!active.has(id)) active.set(id, work(id));
        }
      } catch (error) {
        o.log?.error({ err: error }, 'claiming takes failed');
      }
    } while (again);
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (looking) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      looking = look().finally(() => {
        looking = undefined;
        schedule(o.idleMs ?? 250);
      });
    }, delay);
  }

  const heartbeat = setInterval(() => {
    if (active.size) o.jobs.renew([...active.keys()], owner, o.leaseMs).catch((error) => o.log?.error({ err: error }, 'renewing leases failed'));
  }, Math.max(500, Math.floor(o.leaseMs / 3)));
  heartbeat.unref();

  schedule(0);
  return {
    owner,
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      await looking;
      await Promise.allSettled(active.values());
    },
  };
}
