/**
 * The take worker: claims takes with a lease, advances each one step at a time until it waits on
 * the provider or ends, renews its leases while it works, and lets go on stop. A take running at
 * its provider stays with the worker that sent it, polled on a timer without taking one of the
 * worker's slots (slots bound the work — submitting, ingesting — not the waiting). A worker that
 * dies simply stops renewing; another (or the restarted one) claims its takes when the leases
 * lapse, and every step is idempotent, so nothing is lost or done twice.
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
  /** Takes held between polls, each with the timer that makes it ready. */
  const held = new Map<string, NodeJS.Timeout>();
  /** Held takes whose poll is due, waiting for a free slot; they go before new claims. */
  const ready: string[] = [];
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let looking: Promise<void> | undefined;
  let again = false;

  async function work(id: string) {
    try {
      // Keep stepping while a step says the next one can run now.
      let outcome = await o.jobs.advance(id, owner);
      while (!stopped && outcome === 'again') outcome = await o.jobs.advance(id, owner);
      if (typeof outcome === 'object' && !stopped) hold(id, outcome.hold);
    } catch (error) {
      o.log?.error({ err: error, takeId: id }, 'take step failed');
    } finally {
      active.delete(id);
      schedule(0);
    }
  }

  /** Keeps a take (and its lease) until its next poll is due. */
  function hold(id: string, ms: number) {
    const timer = setTimeout(() => {
      held.delete(id);
      ready.push(id);
      schedule(0);
    }, ms);
    held.set(id, timer);
  }

  /** Claims what is due into the free slots; answers how long to sleep before looking again. */
  async function look(): Promise<number> {
    const idle = o.idleMs ?? 250;
    do {
      again = false;
      const free = o.slots - active.size;
      // Every slot busy: a step that ends looks again at once.
      if (stopped || free <= 0) return idle;
      const resumed = ready.splice(0, free);
      for (const id of resumed) active.set(id, work(id));
      if (resumed.length === free) return idle;
      try {
        const claimed = await o.jobs.claim(owner, free - resumed.length, o.leaseMs);
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

  const heartbeat = setInterval(
    () => {
      const mine = [...active.keys(), ...held.keys(), ...ready];
      if (mine.length) o.jobs.renew(mine, owner, o.leaseMs).catch((error) => o.log?.error({ err: error }, 'renewing leases failed'));
    },
    Math.max(500, Math.floor(o.leaseMs / 3)),
  );
  heartbeat.unref();

  schedule(0);
  return {
    owner,
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      for (const timer of held.values()) clearTimeout(timer);
      await looking;
      await Promise.allSettled(active.values());
      // Takes waiting on their provider go back at once, for the next worker to poll.
      const waiting = [...held.keys(), ...ready];
      held.clear();
      ready.length = 0;
      await o.jobs.release(waiting, owner).catch((error) => o.log?.error({ err: error }, 'giving back takes failed'));
    },
  };
}
