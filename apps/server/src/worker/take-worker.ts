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
  /** The longest the worker sleeps between looks for work when nothing wakes it (it wakes sooner when a take falls due). */
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

/** The shortest sleep between looks, so takes due now but leased elsewhere do not spin the loop. */
const MIN_SLEEP_MS = 5;

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

  /** Claims what is due into the free slots; answers how long to sleep before looking again. */
  async function look(): Promise<number> {
    const idle = o.idleMs ?? 250;
    do {
      again = false;
      const free = o.slots - active.size;
      // Every slot busy: a step that ends looks again at once.
      if (stopped || free <= 0) return idle;
      try {
        const claimed = await o.jobs.claim(owner, free, o.leaseMs);
        for (const id of claimed) {
          if (!active.has(id)) active.set(id, work(id));
        }
      } catch (error) {
        o.log?.error({ err: error }, 'claiming takes failed');
        return idle;
      }
    } while (again);
    // Nothing more is due now: sleep until the next take is (a poll, a retry), at most `idle`.
    const due = await o.jobs.nextDue().catch(() => undefined);
    // A step that ended meanwhile freed a slot: look again at once.
    if (again) return 0;
    return due === undefined ? idle : Math.min(idle, Math.max(MIN_SLEEP_MS, due));
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (looking) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      let next = o.idleMs ?? 250;
      looking = look()
        .then((ms) => void (next = ms))
        .finally(() => {
          looking = undefined;
          schedule(next);
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
